"""E-mail phrasing: customers confirming their partner, partners writing to customers."""

from __future__ import annotations

GREETINGS = ("Hi {first},", "Dear {first},", "Hello {first},", "Good morning {first},", "{first},", "Hi {first} -",
             "Dear {first} and team,", "Hi all,")
# The customer confirms the engagement: {Pname} as the customer writes it, {scope} names the work.
CONFIRM = (
    "We confirm that {Pname} is our partner for {scope}.",
    "I can confirm that {Pname} has been engaged by {Cname} for {scope}.",
    "This e-mail confirms that {Cname} has appointed {Pname} to deliver {scope}.",
    "As requested, I'm happy to confirm that {Pname} is working with us on {scope}.",
    "Thanks for the call earlier. To confirm in writing: {Pname} is our chosen partner for {scope}.",
    "On behalf of {Cname}, I confirm that we have engaged {Pname} for {scope} and are happy for this to be "
    "recorded with Microsoft.",
    "We are pleased to confirm {Pname} as our implementation partner for {scope}.",
    "Confirming that {Cname} has accepted {Pname}'s proposal for {scope}.",
)
APPROVE_SOW = (
    "We have reviewed the attached Statement of Work and approve it.",
    "The SOW is approved on our side; please go ahead.",
    "Please treat this e-mail as our acceptance of the proposal.",
    "I approve the scope and commercials as set out in your proposal.",
    "Our procurement team will follow up with the purchase order.",
)
LOGISTICS = (
    "Our IT team will be available for the kick-off on {date}.",
    "We are planning for the work to start on {date}.",
    "Please liaise with {other_first} for building access and parking.",
    "Let us know if you need anything else from our side before {date}.",
    "We've booked the project room for the first workshop on {date}.",
)
PARTNER_REQUEST = (
    "Could you please reply to confirm that {Pname} is engaged with {Cname} for {scope}?",
    "Microsoft asks us for a short written confirmation of our engagement; a reply to this e-mail is enough.",
    "As discussed, please confirm by return that you are happy for us to register the engagement.",
)
PARTNER_UPDATE = (
    "Following our call, we will start the work on {scope} as discussed.",
    "Just a quick update: the team has begun preparing for {scope}.",
    "Attached is the revised proposal for {scope}. Happy to walk you through it.",
    "We are ready to begin {scope} once you are.",
    "Please find our plan for {scope} below; let me know if anything is missing.",
)
CLOSINGS = ("Kind regards,", "Best regards,", "Many thanks,", "Thanks,", "Regards,", "Best,", "Cheers,",
            "Mit freundlichen Grüßen,", "Warm regards,", "Thanks and regards,")
DISCLAIMERS = (
    "This e-mail and any attachments are confidential and intended solely for the addressee. If you have received "
    "it in error, please notify the sender and delete it.",
    "CONFIDENTIALITY NOTICE: The information in this message is confidential and may be legally privileged.",
    "Please consider the environment before printing this e-mail.",
    "{Cname} is registered in {country}. Registered office: {addr}.",
)
SUBJECTS_ACK = ("RE: Confirmation of engagement - {topic}", "RE: {topic} - partner confirmation", "{topic}",
                "RE: CPOR confirmation", "Confirmation: {Pshort} engagement", "RE: Proposal for {topic}",
                "Re: {topic} - next steps", "FW: {topic} confirmation")
SUBJECTS_PARTNER = ("{topic} - next steps", "Proposal: {topic}", "{topic} kick-off", "Update on {topic}",
                    "Following up: {topic}")

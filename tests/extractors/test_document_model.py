"""ExtractedDocument helpers."""

from extractors.document import ExtractedDocument


def test_rename_re_roots_attachments():
    # A cached extraction of the same bytes under another claim's file name: evidence in the
    # attachment must name this claim's document.
    inner = ExtractedDocument(path="/tmp/a.pdf#attachment:x.eml#attachment:SOW.pdf", format="pdf")
    mid = ExtractedDocument(path="/tmp/a.pdf#attachment:x.eml", format="eml", attachments=[inner])
    top = ExtractedDocument(path="/tmp/a.pdf", format="eml", attachments=[mid])
    top.rename("mail.eml")
    assert [d.path for d in top.all_documents()] == [
        "mail.eml", "mail.eml#attachment:x.eml", "mail.eml#attachment:x.eml#attachment:SOW.pdf"]

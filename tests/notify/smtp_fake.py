"""A minimal SMTP server on localhost for tests (helpers): accepts messages, or refuses the
first ``refuse`` transactions with a 451 so the sender must retry."""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field
from types import TracebackType


def read_data(handler: socketserver.StreamRequestHandler) -> bytes:
    """The DATA exchange: '354', the message up to the lone dot, '250 queued'."""
    handler.wfile.write(b"354 go ahead\r\n")
    handler.wfile.flush()
    lines = []
    while (line := handler.rfile.readline()) not in (b".\r\n", b""):
        lines.append(line)
    handler.wfile.write(b"250 queued\r\n")
    handler.wfile.flush()
    return b"".join(lines)


def serve(handler: type[socketserver.StreamRequestHandler]) -> socketserver.ThreadingTCPServer:
    """A threaded server for ``handler`` on a free port of 127.0.0.1, serving in the background."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Received:
    mail_from: str
    rcpt_to: list[str]
    data: bytes


@dataclass
class SmtpFake:
    refuse: int = 0
    received: list[Received] = field(default_factory=list)

    def __enter__(self) -> SmtpFake:
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write((line + "\r\n").encode())

            def handle(self) -> None:
                self.reply("220 fake ESMTP")
                mail_from, rcpt = "", []
                while True:
                    raw = self.rfile.readline()
                    if not raw:
                        return
                    cmd = raw.decode().strip()
                    verb = cmd.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 fake")
                    elif verb == "MAIL":
                        if fake.refuse:
                            fake.refuse -= 1
                            self.reply("451 4.3.0 try again later")
                            continue
                        mail_from, rcpt = cmd[10:].strip("<>"), []
                        self.reply("250 ok")
                    elif verb == "RCPT":
                        rcpt.append(cmd[8:].strip().strip("<>"))
                        self.reply("250 ok")
                    elif verb == "DATA":
                        fake.received.append(Received(mail_from, rcpt, read_data(self)))
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 ok")

        self.server = serve(Handler)
        return self

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"smtp://{host}:{port}"

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.server.shutdown()
        self.server.server_close()

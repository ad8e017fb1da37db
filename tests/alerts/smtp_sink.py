"""A local SMTP sink for the alerts tests (Debian's python3-aiosmtpd).

Usage: smtp_sink.py OUTDIR. Listens on 127.0.0.1 on a port the OS picks, prints
"READY <port>" once it accepts connections, and writes each message it receives to
OUTDIR/NNN.json (recipients starting with "refuse" are refused with 550): the envelope, the headers and body as Python's email parser decodes them
(an independent RFC 5322 / 2047 / 2045 reader) and the raw message. Runs until killed.
"""
import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Lets tests see a recipient refused the way a real server refuses one.
        if address.startswith("refuse"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        info = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "headers": [[name, str(value)] for name, value in message.items()],
            "subject": str(message["subject"]),
            "body": message.get_content(),
            "raw": raw.decode("utf-8", "replace"),
        }
        path = os.path.join(self.outdir, "%03d.json" % self.count)
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(info, out)
        os.rename(path + ".tmp", path)  # readers never see half a file
        return "250 Message accepted"


async def main(outdir):
    handler = Handler(outdir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler), host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    print("READY %d" % port, flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))

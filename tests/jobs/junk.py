"""Junk PDFs of about 30 MB, made here, like the one the outside test uploaded.

``slow_pdf`` is a PDF header and then nothing but copies of one object: pdfminer finds no
cross-reference table and scans the whole file object by object (about 45 seconds of
processor time). ``greedy_pdf`` is a real one-page PDF whose page draws a million one-letter
strings: pdfplumber keeps an object for every character (over a gigabyte)."""

MB = 1024 * 1024


def slow_pdf(size: int = 30 * MB) -> bytes:
    unit = b"1 0 obj\n<< /Type /Page /Contents 2 0 R >>\nendobj\n"
    return b"%PDF-1.4\n" + unit * (size // len(unit))


def greedy_pdf(size: int = 30 * MB) -> bytes:
    operator = b"BT /F1 1 Tf 1 1 Td (x) Tj ET\n"
    content = operator * (size // len(operator))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)

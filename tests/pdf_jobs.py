"""Following a PDF link as a person does: the link starts a background job, whose page (once
the tests' immediate task backend has made the PDF) links to the file."""

import re
from html import unescape


def fetch_pdf(client, path):
    """The response to a PDF link, through its job page when it starts one."""
    response = client.get(path)
    if response.status_code != 302 or "/jobs/" not in response["Location"]:
        return response
    page = client.get(response["Location"])
    assert page.status_code == 200, page.status_code
    link = re.search(r'href="([^"]+)" download>Download the PDF', page.content.decode())
    assert link, "the job page has no link to the PDF: " + page.content.decode()[-2000:]
    return client.get(unescape(link.group(1)))

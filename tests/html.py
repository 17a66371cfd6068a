"""Checks on rendered HTML that read it as a browser would, not as a string."""

from html.parser import HTMLParser

DATA_BLOCKS = {"application/ld+json", "application/json"}
LINK_ATTRIBUTES = {"href", "src", "action", "formaction"}


class _ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            target = (value or "").strip().lower()
            if name in LINK_ATTRIBUTES and target.startswith(("javascript:", "data:text/html")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        inline = tag == "script" and not attributes.get("src")
        if inline and attributes.get("type") not in DATA_BLOCKS:
            self.problems.append("inline <script> element")


def assert_no_live_script(content):
    """No inline script, event-handler attribute or javascript: link anywhere in the page.

    Escaped text such as &lt;script&gt; is fine: it shows the characters and runs nothing.
    """
    finder = _ScriptFinder()
    finder.feed(content.decode() if isinstance(content, bytes) else content)
    assert not finder.problems, finder.problems

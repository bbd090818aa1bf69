#!/usr/bin/env python3
"""Render an HTML page as the plain text a reader gets by select-all and copy.

Usage: tools/html_to_text.py PAGE.html [OUT.txt]     (standard library only)

The rendering is what tools/extract_eval.py feeds readstat in its plain-text
mode, so that the plain-text classifier is scored on pages shaped like the
ones people paste:

  - visible text only: the contents of script, style, noscript, template,
    svg, head (so the <title> too), select, iframe and object are skipped,
    and so is any element with the `hidden` attribute or an inline style
    of display:none or visibility:hidden (a browser copies neither);
  - one block per paragraph-like element (p, div text, li, h1-h6, dt/dd,
    blockquote, pre, figcaption, table rows, ...), blocks separated by one
    blank line;
  - list items start with "• ", table cells of a row are joined by a tab;
  - white space collapses to one space as a browser lays it out, except in
    pre; <br> is a line break; entities are decoded; a no-break space is
    copied as a space (as browsers do on copy).

Real pages are broken in every way, so the element stack is forgiving: an
end tag closes up to its matching open element (or is ignored when none is
open), and the implied ends of p, li, dt/dd, tr and td/th follow HTML's
rules closely enough for block boundaries.
"""
import html.parser
import re
import sys

SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "title",
           "select", "iframe", "object"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr", "keygen", "command"}
# Elements a browser lays out as blocks: text on either side of them lands
# on different lines when copied.
BLOCK = {"address", "article", "aside", "blockquote", "body", "caption",
         "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
         "fieldset", "figcaption", "figure", "footer", "form", "frameset",
         "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
         "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
         "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "option",
         "noframes", "listing", "plaintext", "xmp"}
# An open element of the first kind ends when one of the second starts.
IMPLIED_END = {
    "p": BLOCK - {"body", "html", "center"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "tbody", "thead", "tfoot"},
    "td": {"td", "th", "tr", "tbody", "thead", "tfoot"},
    "th": {"td", "th", "tr", "tbody", "thead", "tfoot"},
    "option": {"option", "optgroup"},
    "thead": {"tbody", "tfoot"},
    "tbody": {"tbody", "tfoot"},
}
# An implied end stops at these: a p inside a table cell or list item is not
# closed by the next table row or item of an enclosing one.
SCOPE = {"table", "td", "th", "ul", "ol", "li", "dl", "button", "html", "body",
         "blockquote", "div", "section", "article", "aside", "main", "figure"}
HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
COLLAPSE = re.compile(r"[ \t\n\r\f\v\u00a0]+")


def is_hidden(tag, attrs):
    names = {k.lower() for k, _ in attrs}
    if "hidden" in names:
        return True
    for k, v in attrs:
        if k.lower() == "style" and v and HIDING_STYLE.search(v):
            return True
    return False


class Renderer(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # [tag, hides] per open element
        self.hidden_depth = 0    # open elements that hide their contents
        self.blocks = []
        self.line = []           # pieces of the block being built
        self.bullet = False      # the next block starts a list item
        self.pre_depth = 0

    # -- the block being built -------------------------------------------
    def flush(self):
        text = "".join(self.line)
        self.line = []
        lines = [l.strip(" ") for l in text.split("\n")] if self.pre_depth == 0 else \
            text.strip("\n").split("\n")
        lines = [l for l in lines if l.strip()]
        if not lines:
            return
        block = "\n".join(lines)
        if self.bullet:
            block = "• " + block
            self.bullet = False
        self.blocks.append(block)

    def add_text(self, text):
        if self.hidden_depth:
            return
        if self.pre_depth:
            self.line.append(text.replace("\u00a0", " "))
            return
        text = COLLAPSE.sub(" ", text)
        if not text:
            return
        # One space between inline runs, none at the start of a line.
        if text.startswith(" ") and (not self.line or self.line[-1].endswith((" ", "\n", "\t"))):
            text = text[1:]
        self.line.append(text)

    # -- the element stack -------------------------------------------------
    def open_names(self):
        return [e[0] for e in self.stack]

    def close_to(self, index):
        while len(self.stack) > index:
            tag, hides = self.stack.pop()
            self.on_close(tag, hides)

    def on_close(self, tag, hides):
        if hides:
            self.hidden_depth -= 1
            return
        if self.hidden_depth:
            return
        if tag == "pre":
            self.flush()
            self.pre_depth -= 1
        elif tag in BLOCK:
            self.flush()
        elif tag in ("td", "th"):
            self.line.append("\t")

    def imply_ends(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[i][0]
            if tag in IMPLIED_END.get(open_tag, ()):
                self.close_to(i)
                return
            if open_tag in SCOPE:
                return

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == "body":
            # A head that was never closed ends where the body starts.
            for i, (open_tag, _) in enumerate(self.stack):
                if open_tag == "head":
                    self.close_to(i)
                    break
        self.imply_ends(tag)
        if tag == "br":
            if not self.hidden_depth:
                self.line.append("\n")
            return
        if tag in VOID:
            if tag == "hr" and not self.hidden_depth:
                self.flush()
            return
        hides = tag in SKIPPED or is_hidden(tag, attrs)
        if not hides and not self.hidden_depth:
            if tag in BLOCK:
                self.flush()
            if tag == "li":
                self.bullet = True
            if tag == "pre":
                self.pre_depth += 1
            if tag in ("td", "th") and self.line and not self.line[-1].endswith("\t"):
                self.line.append("\t")
        if hides:
            self.hidden_depth += 1
        self.stack.append([tag, hides])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "br":  # </br> is read as <br> by browsers
            self.handle_starttag("br", [])
            return
        names = self.open_names()
        if tag in names:
            self.close_to(len(names) - 1 - names[::-1].index(tag))
        elif tag == "p" and not self.hidden_depth:
            self.flush()  # a stray </p> still ends a paragraph

    def handle_data(self, data):
        self.add_text(data)

    def close(self):
        super().close()
        self.close_to(0)
        self.flush()


def render(source):
    """The plain-text rendering of an HTML string."""
    r = Renderer()
    r.feed(source)
    r.close()
    blocks = []
    for b in r.blocks:
        # Cells joined by tabs: trim the tabs at the ends of a row.
        b = "\n".join(l.strip("\t ") for l in b.split("\n"))
        if b.strip():
            blocks.append(b)
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit("usage: html_to_text.py PAGE.html [OUT.txt]")
    with open(argv[1], encoding="utf-8", errors="replace") as f:
        text = render(f.read())
    if len(argv) == 3:
        with open(argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv)

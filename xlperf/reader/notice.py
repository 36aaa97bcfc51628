"""Reading the notice around the tables (everything before the first table) into the Department.

Lines are recognised by their shape, not their position, because notices from
other offices add a salutation, wrap the body sentence, drop the title or the
department line. Matching is done on a copy with full-width digits folded and
spaces removed (a PDF puts spaces between digits and Chinese: ``2024 年``);
the text fields keep what was written, trimmed.

Nothing is invented: the department is a plain line that is not a title (a
form title ``绩效目标表`` or a notice title ``关于公开…的说明`` names no
department), and the disclosure sentence is kept as written, or left empty
when the source has none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from xlperf.errors import InputError
from xlperf.model import Department, ReadingNote
from xlperf.model import notice_words as words
from xlperf.model.vocabulary import is_page_links

_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_CJK_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
               "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def squeeze(text: str) -> str:
    """The matching form of a line: NFKC (full-width digits, colons) and no spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@dataclass
class _Line:
    number: int  # 1-based line number in the file
    text: str  # as written, trimmed
    key: str  # squeezed, for matching
    kind: str = ""  # title | body | attachment | further (attachment) | date | other


def read_notice(lines: list[tuple[int, str]], department: Department, source: str | None) -> None:
    """Fill name, year, legal basis, disclosure, attachment, signing body and date."""
    items = _classify(lines)
    body = [line for line in items if line.kind == "body"]
    if body:
        sentence = "".join(line.text for line in body)
        department.disclosure = sentence
        department.legal_basis = parse_legal_basis(sentence)
    for line in items:
        if line.kind == "title" and department.year is None:
            department.year = _year_of(line.key)
        elif line.kind == "attachment" and not department.attachment_title:
            department.attachment_title = _attachment_title(line.text)
        elif line.kind == "date" and department.published is None:
            department.published = _date_of(line, source)
    if department.year is None and body:
        department.year = _year_of(squeeze("".join(line.text for line in body)))
    department.name, department.signing_body = _name_and_signature(items)
    department.notes.extend(ReadingNote(line.text, words.FURTHER_ATTACHMENT, row=line.number,
                                        part="header")
                            for line in items if line.kind == "further")


def continues_attachments(lines: list[tuple[int, str]], index: int) -> bool:
    """Whether line ``index`` is a further item of the attachment list above it
    (``附件：1.项目支出绩效目标表`` then ``2.部门整体支出绩效目标表``): a notice line, so the
    first table starts after it, and the signer and date below it stay the notice's."""
    if not words.ATTACHMENT_ITEM.match(squeeze(lines[index][1])):
        return False
    for _, raw in reversed(lines[:index]):
        key = squeeze(raw.replace("\t", " "))
        if key and not words.ATTACHMENT_ITEM.match(key):
            return words.ATTACHMENT_LINE.match(key) is not None
    return False


def _classify(lines: list[tuple[int, str]]) -> list[_Line]:
    """Tag each non-empty line; a body sentence may wrap over several lines."""
    items: list[_Line] = []
    in_body = seen_body = False
    for number, raw in lines:
        text = raw.replace("\t", " ").strip(" \u3000\u00a0")
        key = squeeze(text)
        if not key:
            in_body = False
            continue
        if (words.PAGE_NUMBER.match(key) or words.ATTACHMENT_MARK.match(key)
                or words.DRAFT_LINE.match(key) or words.PAGE_CHROME.match(key)
                or is_page_links(key)
                or words.BREADCRUMB.match(key)):
            continue
        line = _Line(number, text, key)
        if in_body or words.BODY_START.match(key) or words.BODY_HINT.search(key):
            line.kind = "body"
            in_body, seen_body = not words.BODY_END.search(key), True
        elif _date(key) or words.CJK_DATE_LINE.match(key):
            line.kind = "date"
        elif words.ATTACHMENT_LINE.match(key):
            line.kind = "attachment"
        elif items and items[-1].kind in ("attachment", "further") \
                and words.ATTACHMENT_ITEM.match(key):
            line.kind = "further"
        elif words.TITLE_LINE.match(key) or words.TITLE_WORDS.search(key):
            line.kind = "title"
        elif key.endswith((":", "：")) and items and not seen_body:
            continue  # a salutation such as 各有关单位： (not the department, not the signer)
        else:
            line.kind = "other"
        items.append(line)
    return items


def _name_and_signature(items: list[_Line]) -> tuple[str, str]:
    """The department is a plain first line; the signer the plain line above the date.

    Without a date, the signer is the last plain line after the body, the
    title or the department.
    """
    name = ""
    rest = items
    if items and items[0].kind == "other":
        name, rest = items[0].text, items[1:]
    signature = ""
    for index, line in enumerate(rest):
        if line.kind == "date" and index and rest[index - 1].kind == "other":
            return name, rest[index - 1].text
        if line.kind == "other":
            signature = line.text
    return name, signature


def parse_legal_basis(body: str) -> list[str]:
    """The documents a notice cites: each 《title》 with any （文号） that follows it.

    ``根据《预算法》《实施意见》（宁党发〔2019〕9号）有关要求，现将…`` gives two
    items, and so does a sentence that starts otherwise (``为贯彻落实《…》…``).
    A basis written without 书名号 after 根据 is split on 、 instead.
    """
    text = body.strip()
    end = words.BASIS_END.search(text)
    clause = text[: end.start()] if end else text
    items = [match.group(0) for match in words.BASIS_ITEM.finditer(clause)]
    if items:
        return items
    start = words.BASIS_START.match(clause.lstrip())
    if not start:
        return []
    clause = words.BASIS_TAIL.sub("", clause.lstrip()[start.end():].strip())
    return [part.strip() for part in clause.split("、") if part.strip()]


def _attachment_title(text: str) -> str:
    """The attachment's name exactly as written after ``附件：`` (PDF spacing kept)."""
    match = re.match(r"^\s*附\s*件\s*[\d０-９]*\s*[:：]\s*", text)
    return text[match.end():].strip() if match else text.strip()


def _year_of(key: str) -> int | None:
    match = re.search(r"(\d{4})年", key)
    return int(match.group(1)) if match else None


def _date_of(line: _Line, source: str | None) -> date:
    match = _date(line.key)
    if match:
        parts = (int(match.group("year")), int(match.group("month")), int(match.group("day")))
    else:
        cjk = words.CJK_DATE_LINE.match(line.key)
        assert cjk is not None  # classified as a date by one of the two patterns
        parts = (_cjk_number(cjk.group("year"), digits=True), _cjk_number(cjk.group("month")),
                 _cjk_number(cjk.group("day")))
    try:
        return date(*parts)
    except ValueError as exc:
        message = f"第 {line.number} 行的落款日期“{line.text}”不是有效日期"
        raise InputError(message, file=source) from exc


def _date(key: str) -> re.Match[str] | None:
    """A date line written in digits: 2024年1月20日, or as a web page writes it (2024-01-20)."""
    return words.DATE_LINE.match(key) or words.NUMERIC_DATE_LINE.match(key)


def _cjk_number(text: str, digits: bool = False) -> int:
    """``二〇二四`` (digit by digit) or ``十二``/``二十五`` (a small number with 十).

    Returns 0 for a malformed numeral (``一一``) so that the date is reported as invalid.
    """
    try:
        if digits:
            return int("".join(str(_CJK_DIGITS[ch]) for ch in text))
        if "十" not in text:
            return _CJK_DIGITS[text]
        tens, _, ones = text.partition("十")
        return (_CJK_DIGITS[tens] if tens else 1) * 10 + (_CJK_DIGITS[ones] if ones else 0)
    except KeyError:
        return 0

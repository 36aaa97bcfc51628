"""The department model: what a goal table says, independent of where it was read.

Plain dataclasses so that every source (workbook, published text) and every
consumer (rules, reports, notice) speaks the same words: a ``Department``
publishes ``Project`` tables, each a list of ``Indicator`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter

# A value the reader could not read as a number is kept as the original text,
# so that validation can report it instead of the import failing (model.md).
Number = float | str | None


@dataclass(slots=True)
class Indicator:
    """One 三级指标 row: a concrete target under a 一级/二级 indicator.

    ``slots``: a city's batch holds about a million of these at once.
    """

    level1: str
    level2: str
    name: str
    weight: Number = None
    value: str | None = None
    not_applicable: bool = False
    sheet: str | None = None
    cell: str | None = None  # the cell holding the 三级指标 text
    weight_cell: str | None = None
    row: int | None = None  # the 1-based row in the source (sheet row or text line)
    # Where the form has 指标性质 / 指标值 / 度量单位 columns, the value kept apart too:
    # comparator ≥ ≤ = < > 定性, the target as written, the unit.
    comparator: str | None = None
    target: str | None = None
    unit: str | None = None
    direction: str | None = None  # 正向 / 反向 (指标方向性)
    standard: str | None = None  # 绩效标准 (计划标准, 行业标准 …)
    score: Number = None  # 分值 of a self-evaluation table (weight holds it too)
    actual: str | None = None  # 全年实际值 of a self-evaluation table
    points: Number = None  # 得分 of a self-evaluation table
    level2_cell: str | None = None  # the cell holding the row's 二级指标 (where S002 points)

    def __reduce__(self):
        """Pickled as the constructor's arguments: ``xlperf notice``'s reading
        processes send departments back to the main one, and the default for
        slotted objects (a state dict per row) costs about twice as much each way."""
        return Indicator, _indicator_fields(self)


_indicator_fields = attrgetter(*(f.name for f in fields(Indicator)))


@dataclass(slots=True)
class ReadingNote:
    """A row the reader could not place: kept with its location, never guessed at."""

    text: str  # the row's cells as written, joined by " | "
    reason: str  # why it was not read (Chinese, for the user)
    sheet: str | None = None
    cell: str | None = None  # the row's first non-empty cell, where the source has addresses
    row: int | None = None  # the 1-based row (sheet) or line (text)
    part: str = "indicators"  # "header" (above the indicator header) or "indicators"


@dataclass(slots=True)
class Funds:
    """项目资金 by source, in 万元 (其中：财政拨款 / 其他资金); None where not stated."""

    total: Number = None
    fiscal: Number = None
    other: Number = None


@dataclass
class Project:
    """One 项目支出绩效目标表: header fields plus its indicator rows."""

    name: str
    competent_department: str = ""
    implementing_unit: str = ""
    attribute: str = ""
    term: str = ""
    division: str = ""
    amount: Number = None
    goal: str = ""
    sheet: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    # Where each header field was read ("name" -> "B3"), so findings can point at it, and
    # its 1-based row in the source (a sheet's row, a text's line), for sources without cells.
    cells: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    # The header fields the form has a label for (filled in or not); None: the seed's form,
    # which has them all (rule H001 asks only for fields the form has).
    labels: frozenset[str] | None = None
    # Where the live weight total is shown (the 合计 row), if the layout has one.
    total_cell: str | None = None
    mid_term_goal: str = ""  # 中期/长期/实施期 goal, beside the annual goal
    funds: Funds | None = None
    period: tuple[str, str] | None = None  # start and end of 项目期限 as written
    layout: str = ""  # the family the table was read as (model.LAYOUTS)
    # The bundled framework its own 一级/二级 names fit best (model.framework.choose), as the
    # reader found it; "" for a project built in code (validation then chooses).
    framework: str = ""
    # Which indicator columns the form had (weight, value, unit, comparator …); None when
    # not known (a project built in code), which rules treat as the seed's form.
    columns: tuple[str, ...] | None = None
    notes: list[ReadingNote] = field(default_factory=list)
    long_term_indicators: list[Indicator] = field(default_factory=list)
    # A cost breakdown above the indicators (成本构成 | 金额): (item, amount in 万元).
    cost_lines: list[tuple[str, Number]] = field(default_factory=list)
    # The total its 合计/总分 row states beside the weights (rule W007); None when none.
    stated_total: float | None = None
    # The template's instructions to whoever fills it in, left in the table (注：各地请根据
    # 实际情况…): rows the reader skips as notes, kept for rule T004.
    template_notes: list[ReadingNote] = field(default_factory=list)

    @property
    def has_weights(self) -> bool:
        """Whether the form has a weight (or score) column; rules W001–W004 need one."""
        return self.columns is None or "weight" in self.columns


@dataclass(slots=True)
class Normalization:
    """A reader repaired the user's text (full-width digits, stray spaces …); rule T001."""

    kind: str  # "fullwidth" | "space" | "hyphen"
    original: str
    sheet: str | None = None
    cell: str | None = None
    project: str | None = None
    row: int | None = None  # the 1-based line of a text source (sheet/cell are None there)


@dataclass(frozen=True)
class Acceptance:
    """A reviewer accepted one finding with a reason: rule ``code`` at ``sheet!cell``
    (or, without a cell, in ``project``). Written in the workbook's 校验说明 sheet or in
    xlperf.toml's ``[[accept]]`` (``file`` names the workbook there);
    docs/validation.md."""

    code: str
    reason: str
    sheet: str | None = None
    cell: str | None = None
    project: str | None = None
    file: str | None = None
    where: str = ""  # where it was written, for messages: 校验说明!A3, xlperf.toml 第 2 条


@dataclass
class Department:
    """A department's publication: the notice fields and its project tables."""

    name: str = ""
    year: int | None = None
    published: date | None = None
    projects: list[Project] = field(default_factory=list)
    # The notice: "根据《…》《…》有关要求，现将…予以公开。附件：… 落款 日期".
    legal_basis: list[str] = field(default_factory=list)
    # The disclosure sentence as the source wrote it ("" when it has none: a bare table).
    disclosure: str = ""
    attachment_title: str = ""
    signing_body: str = ""
    # The department total as the workbook declares it (项目清单), for rule K003.
    declared_total: Number = None
    declared_total_cell: str | None = None
    # Settings written in the 部门信息 sheet (rule configuration), raw key -> value.
    settings: dict[str, str] = field(default_factory=dict)
    normalizations: list[Normalization] = field(default_factory=list)
    source: str | None = None  # the file it was read from
    # Findings a reviewer accepted with a reason (the 校验说明 sheet), in sheet order.
    acceptances: list[Acceptance] = field(default_factory=list)
    # Rows the reader found outside every project (a unit's total line above the first
    # table): kept with their cells, like a project's notes, so nothing is dropped unsaid.
    notes: list[ReadingNote] = field(default_factory=list)

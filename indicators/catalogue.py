"""The indicator catalogue: the single place that knows what each indicator means.

Pages, figures, downloads and tests read titles, definitions, polarity, comparability notes,
series breaks and sources from here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from indicators.errors import UnknownIndicatorError
from indicators.periods import YearType

Polarity = Literal["higher_is_better", "lower_is_better", "no_judgement"]
OGL = "Open Government Licence v3.0"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
OPEN_PARLIAMENT_LICENCE = "Open Parliament Licence v3.0"
OWN_TERMS = "The publisher's own terms (quoted for reference; not an open licence)"


def licence_for(source_type: str) -> tuple[str, str]:
    """(licence, publisher override) for a quoted source of ``source_type``.

    Crown and public-body publications are under the OGL; parliamentary answers under the Open
    Parliament Licence (publisher UK Parliament); news, charity and other third-party pages
    keep their own terms, even where they quote official figures.
    """
    if source_type == "official_parliamentary_answer":
        return OPEN_PARLIAMENT_LICENCE, "UK Parliament"
    if source_type in ("official", "official_text_via_mirror"):
        return OGL, ""
    return OWN_TERMS, ""


ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
BOUNDARY_ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2023."
)
#: Credit for the Northern Ireland HSC trust boundaries (drawn for trust-level measures).
TRUST_BOUNDARY_ATTRIBUTION = (
    "HSC trust boundaries: Department of Health (Northern Ireland), 2017 trust boundary, via "
    "OpenDataNI, licensed under the Open Government Licence v3.0."
)

THEMES: tuple[str, ...] = (
    "Development at 2–2½",
    "Development at 5",
    "Health visiting",
    "Health in early life",
    "Services",
    "Context",
    "Early education",
)
#: What an indicator describes, so that each nation's own measure of the same thing can be
#: shown together (each on its own scale where the measures differ).
TOPICS: tuple[str, ...] = (
    "pregnancy",
    "birth weight",
    "infant mortality",
    "breastfeeding",
    "immunisation",
    "health visiting",
    "development at 2",
    "development at 5",
    "healthy weight at school entry",
    "child poverty",
    "services",
    "early education",
)
_TOPIC_BY_THEME = {
    "Development at 2–2½": "development at 2",
    "Development at 5": "development at 5",
    "Health visiting": "health visiting",
    "Services": "services",
}
BREAKDOWN_LABELS = {
    "all": "All children",
    "girls": "Girls",
    "boys": "Boys",
    "fsm": "Eligible for free school meals",
    "non_fsm": "Not eligible for free school meals (all other pupils)",
    "simd1_most_deprived": "Most deprived fifth (SIMD quintile 1)",
    "simd5_least_deprived": "Least deprived fifth (SIMD quintile 5)",
    "looked_after": "Looked-after children",
    "not_looked_after": "Not looked after",
    "flying_start_areas": "Flying Start areas",
    "non_flying_start_areas": "Areas outside Flying Start",
    "sen_support": "Special educational needs without an EHCP or statement (SEN support)",
    "sen_ehcp": "Special educational needs with an EHCP or statement",
}
#: Ages at which the nations review or assess young children (for the four-nations table).
AGE_BANDS = ("Birth to 2 weeks", "6–8 weeks", "12 months", "2–2½ years", "3–3½ years", "Age 5")
COMPARABILITY_LABELS = {
    "comparable": "Comparable",
    "same_concept": "Same concept, different measure",
    "not_comparable": "Not comparable",
}


@dataclass(frozen=True)
class SeriesBreak:
    """A break in a series: values before and after must never be joined or trend-tested."""

    after: str  # last period of the old series
    before: str  # first period of the new series
    note: str


@dataclass(frozen=True)
class Source:
    """A publication that rows of the tidy table come from."""

    id: str
    title: str
    publisher: str
    url: str
    licence: str = OGL
    raw_files: tuple[str, ...] = ()
    next_release: str = ""
    #: ``official``, ``official_parliamentary_answer``, ``secondary_news_reporting_official`` …
    source_type: str = "official"


@dataclass(frozen=True)
class Indicator:
    """Everything a reader needs to understand one indicator."""

    id: str
    title: str
    short_title: str
    definition: str
    theme: str
    unit: str
    polarity: Polarity
    age: str
    nations: tuple[str, ...]
    year_type: YearType
    comparability_group: str
    comparability_note: str
    publisher: str
    source_url: str
    licence: str = OGL
    fingertips_id: int | None = None
    #: Public Health Scotland open data (CKAN) resource id, for the refresh command.
    phs_resource_id: str = ""
    #: explore-education-statistics API data set id, for the refresh command.
    ees_data_set_id: str = ""
    #: StatsWales dataset code, for the refresh command.
    statswales_dataset: str = ""
    #: Where the publisher ids above were confirmed, or why one is left empty.
    publisher_id_note: str = ""
    series_breaks: tuple[SeriesBreak, ...] = ()
    no_data_periods: dict[str, str] = field(default_factory=dict)
    caveats: tuple[str, ...] = ()
    measured_instead: dict[str, str] = field(default_factory=dict)
    coverage_indicator: str | None = None
    low_coverage_threshold: float | None = None
    #: Which of :data:`AGE_BANDS` the indicator measures at ("" when none fits).
    age_band: str = ""
    #: Completes "In {period}, {value}% ..." with ``{area}`` for the area's name. For a
    #: yes/no flag it is the whole clause, with ``{verb}`` for "was" or "was not".
    summary_phrase: str = "was the value of this indicator in {area}"
    #: Decimal places shown everywhere the value is written (tables, hover, sentences).
    decimals: int = 1
    #: What a count or rate counts, singular and plural (e.g. "open children's centre").
    noun: tuple[str, str] = ("", "")
    #: One of :data:`TOPICS`: what the indicator describes, across nations' different measures.
    topic: str = ""
    #: How the values were obtained when they are not the publisher's own figures ("" when
    #: they are as published). Rows carry the same in their ``derivation`` column.
    derivation: str = ""
    #: A percentage whose published values can pass 100 (a count over an estimate from another
    #: source, e.g. funded early-education take-up); the build's 0-100 check allows it.
    may_exceed_100: bool = False

    def not_collected_label(self, nation: str) -> str:
        """What to say for an area of ``nation`` where this indicator is not collected."""
        instead = self.measured_instead.get(nation)
        base = f"Not collected in {nation}"
        return f"{base}. {instead}" if instead else f"{base}."


_EYFSP_URL = (
    "https://explore-education-statistics.service.gov.uk/find-statistics/"
    "early-years-foundation-stage-profile-results"
)
_FINGERTIPS_URL = "https://fingertips.phe.org.uk/"
_OHID_ASQ_URL = (
    "https://www.gov.uk/government/statistics/child-development-outcomes-data-for-2024-to-2025/"
    "child-development-outcomes-2024-to-2025-statistical-commentary"
)
_OHID_HV_URL = (
    "https://www.gov.uk/government/statistics/health-visitor-service-delivery-data-for-2024-to-2025/"
    "health-visitor-service-delivery-metrics-2024-to-2025-statistical-commentary"
)
_PHS_ECD_URL = "https://publichealthscotland.scot/publications/early-child-development/"
_PHS_OPEN_URL = "https://www.opendata.nhs.scot/dataset/27-30-month-review-statistics"
_HCW_URL = "https://www.gov.wales/healthy-child-wales-programme-2024-html"

_ASQ_DOMAIN_ID_NOTE = (
    "Fingertips indicator id not confirmed from OHID's documentation or an official client, "
    "so left empty (never guessed); the refresh cannot fetch this domain until it is added."
)
_HV_ID_NOTE = (
    "Fingertips indicator id of this health visitor metric not confirmed from OHID's "
    "documentation or an official client, so left empty (never guessed)."
)
_VOLUNTARY = (
    "Local authorities return these figures voluntarily; England totals cover only the "
    "authorities whose returns passed validation, so years are not strictly comparable."
)
_ASQ_ENGLAND_AGG = (
    "For 2021/22 England's value is OHID's published annual figure (as reported by PA Media); "
    "the sum of local-authority counts is given only in its note, as an unofficial cross-check, "
    "because it covers only the authorities with four quarters of counts. Regional values for "
    "2021/22 are summed by this project from local-authority counts and are not official."
)
#: Indicator ids that were renamed: old id -> new id (old links keep working).
RENAMED_INDICATORS: dict[str, str] = {"asq3_coverage": "asq3_use_in_reviews"}
_SCOT_INSTEAD = (
    "Scotland's 27–30 month review records the % of children with a developmental concern "
    "(lower is better) instead."
)
_WALES_INSTEAD = (
    "Wales publishes Healthy Child Wales Programme contact completion, not development outcomes."
)
_NI_INSTEAD = (
    "Northern Ireland publishes Healthy Child, Healthy Future review completion, not development "
    "outcomes."
)
_EYFSP_BREAK = SeriesBreak(
    after="2018/19",
    before="2021/22",
    note=(
        "EYFS reforms from September 2021 revised the profile: results from 2021/22 cannot be "
        "compared with earlier years."
    ),
)
_SCOT_2017_BREAK = SeriesBreak(
    after="2016/17",
    before="2017/18",
    note=(
        "In 2017 the developmental domains recorded at the 27–30 month review changed, "
        "so earlier years are not directly comparable with later ones."
    ),
)


def _asq3(
    domain_id: str,
    domain: str,
    definition_domain: str,
    *,
    fingertips_id: int | None = None,
    id_note: str = "",
) -> Indicator:
    return Indicator(
        id=f"asq3_{domain_id}",
        fingertips_id=fingertips_id,
        publisher_id_note=id_note or _ASQ_DOMAIN_ID_NOTE,
        age_band="2–2½ years",
        title=f"Children at or above the expected level in {domain} at 2–2½ years (ASQ-3)",
        short_title=f"ASQ-3 {domain}",
        definition=(
            f"Percentage of children who received a 2–2½ year review using ASQ-3 who were at or "
            f"above the expected level in {definition_domain}."
        ),
        theme="Development at 2–2½",
        unit="%",
        polarity="higher_is_better",
        age="2 to 2½ years",
        nations=("England",),
        year_type="financial",
        comparability_group="development_2_2half",
        comparability_note=(
            "England's ASQ-3 '% at or above expected' and Scotland's '% with a concern at 27–30 "
            "months' describe the same stage of development with different measures: same "
            "concept, different measure."
        ),
        publisher="Office for Health Improvement and Disparities (OHID)",
        source_url=_OHID_ASQ_URL,
        caveats=(
            _VOLUNTARY,
            _ASQ_ENGLAND_AGG,
            "Local-authority values exist in this snapshot for 2021/22 only (OHID quarterly "
            "counts, as processed by Nesta); annual values are summed from the four quarters.",
            "An area is flagged 'interpret with caution' when its children with an ASQ-3 result "
            "are under 50% or over 120% of its resident one-year cohort (mean of ages 0 and 1 in "
            "ONS mid-2020 estimates, the children who turned 2 during 2021/22), when a quarter "
            "has under a quarter of the area's median quarterly count, or when, as published, "
            "more children were at the expected level in all five domains than in one domain.",
        ),
        measured_instead={
            "Scotland": _SCOT_INSTEAD,
            "Wales": _WALES_INSTEAD,
            "Northern Ireland": _NI_INSTEAD,
        },
        summary_phrase=f"of children reviewed in {{area}} were at or above the expected level in {definition_domain} at 2–2½ years",
    )


def _hv(
    indicator_id: str,
    short: str,
    title: str,
    definition: str,
    age: str,
    *,
    polarity: Polarity = "higher_is_better",
    group: str = "health_visiting",
    phrase: str,
    band: str,
) -> Indicator:
    return Indicator(
        id=indicator_id,
        title=title,
        short_title=short,
        definition=definition,
        theme="Health visiting",
        unit="%",
        polarity=polarity,
        age=age,
        nations=("England",),
        year_type="financial",
        comparability_group=group,
        comparability_note=(
            "England's five mandated health visitor reviews follow a different schedule from "
            "Wales' Healthy Child Wales Programme and Northern Ireland's Healthy Child, Healthy "
            "Future reviews: not comparable, except where a contact is at the same age."
        ),
        publisher="Office for Health Improvement and Disparities (OHID)",
        source_url=_OHID_HV_URL,
        publisher_id_note=_HV_ID_NOTE,
        caveats=(
            _VOLUNTARY,
            "Figures by local authority are not in the bundled data: only the England (and, for "
            "some periods, regional) values quoted by OHID are. "
            "The refresh command (python -m indicators refresh) can fetch them from the "
            "Fingertips API once this metric's Fingertips indicator id is confirmed and added "
            "to the catalogue.",
        ),
        measured_instead={
            "Wales": "Wales reports Healthy Child Wales Programme contacts at its own ages.",
            "Northern Ireland": "Northern Ireland reports Healthy Child, Healthy Future reviews.",
            "Scotland": "Scotland's Universal Health Visiting Pathway reviews are not in this dataset.",
        },
        summary_phrase=phrase,
        age_band=band,
    )


def _wales(
    indicator_id: str,
    short: str,
    title: str,
    definition: str,
    age: str,
    group: str,
    *,
    phrase: str,
    band: str,
) -> Indicator:
    return Indicator(
        id=indicator_id,
        title=title,
        short_title=short,
        definition=definition,
        theme="Health visiting",
        unit="%",
        polarity="higher_is_better",
        age=age,
        nations=("Wales",),
        year_type="calendar",
        comparability_group=group,
        comparability_note=(
            "Healthy Child Wales Programme contacts are recorded on the National Community Child "
            "Health Database at Wales' own contact ages; close to, but not the same as, England's "
            "mandated reviews: same concept, different measure."
        ),
        publisher="Welsh Government",
        source_url=_HCW_URL,
        caveats=("Paper-based recording: figures are likely a slight undercount.",),
        publisher_id_note=(
            "StatsWales dataset code for Healthy Child Wales Programme contacts not confirmed "
            "from the Welsh Government's documentation, so left empty (never guessed)."
        ),
        summary_phrase=phrase,
        age_band=band,
    )


_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="eyfsp_gld",
        age_band="Age 5",
        title="Children achieving a good level of development at the end of reception (EYFSP)",
        short_title="Good level of development at 5",
        definition=(
            "Percentage of children assessed at the end of the Early Years Foundation Stage "
            "(the summer term of the school year in which they turn 5) who reached the expected "
            "level in the early learning goals of the prime areas and of literacy and mathematics."
        ),
        theme="Development at 5",
        unit="%",
        polarity="higher_is_better",
        age="End of reception year (age 4–5)",
        nations=("England",),
        year_type="academic",
        comparability_group="development_age5",
        comparability_note=(
            "England only; no other UK nation publishes a teacher assessment of development at "
            "age 5: not comparable."
        ),
        publisher="Department for Education (DfE)",
        source_url=_EYFSP_URL,
        publisher_id_note=(
            "The explore-education-statistics API data set id of the EYFSP headline measures "
            "was not confirmed from DfE's documentation, so it is left empty (never guessed); "
            "pass one with --dfe-data-set to refresh from the API."
        ),
        series_breaks=(_EYFSP_BREAK,),
        no_data_periods={
            "2019/20": "No assessment: collection cancelled because of COVID-19.",
            "2020/21": "No assessment: collection cancelled because of COVID-19.",
        },
        caveats=(
            "Breakdowns by free school meal eligibility and by special educational needs (SEN "
            "support; an education, health and care plan or statement) come from the DfE Local "
            "Authority Interactive Tool, which publishes percentages without counts.",
            "Values from 2022/23 come from the DfE Local Authority Interactive Tool (percentages "
            "without counts), so they have no confidence interval.",
        ),
        measured_instead={
            "Scotland": "Scotland records developmental concerns at child health reviews (27–30 months, 4–5 years) instead.",
            "Wales": "Wales publishes no assessment of development at age 5.",
            "Northern Ireland": "Northern Ireland publishes no assessment of development at age 5.",
        },
        summary_phrase="of children in {area} reached a good level of development at age 5",
    ),
    Indicator(
        id="eyfsp_comms_language",
        age_band="Age 5",
        title=(
            "Children at the expected level in the communication and language early learning "
            "goals at the end of reception (EYFSP)"
        ),
        short_title="Communication and language at 5",
        definition=(
            "Percentage of children assessed at the end of the Early Years Foundation Stage "
            "(the summer term of the school year in which they turn 5) who were at the expected "
            "level in the early learning goals of the communication and language area of "
            "learning (listening, attention and understanding; speaking), state-funded schools. "
            "DfE LAIT measure FSP_NEW_COMMS, 'Children achieving at least the expected level in "
            "EYFS - Communication and Language (%)', from the reformed profile (2021/22 on)."
        ),
        theme="Development at 5",
        topic="development at 5",
        unit="%",
        polarity="higher_is_better",
        age="End of reception year (age 4–5)",
        nations=("England",),
        year_type="academic",
        comparability_group="development_age5",
        comparability_note=(
            "England only; no other UK nation publishes a teacher assessment of development at "
            "age 5: not comparable."
        ),
        publisher="Department for Education (DfE), via DfE LAIT",
        source_url=_EYFSP_URL,
        publisher_id_note=(
            "Read from the DfE Local Authority Interactive Tool, measure FSP_NEW_COMMS (source "
            "table 2_eyfsp_early_learning_goals_areas_of_learning in the LAIT data dictionary); "
            "the explore-education-statistics data set id was not confirmed, so it is left "
            "empty (never guessed)."
        ),
        caveats=(
            "Percentages from the DfE Local Authority Interactive Tool, without counts, so there "
            "is no confidence interval.",
            "Only the reformed profile (from 2021/22) is read. LAIT also lists 2015/16–2018/19 "
            "under the same measure code, but those come from the earlier profile, whose "
            "communication and language goals were assessed differently: they cannot be "
            "compared with 2021/22 on and are left out. There was no assessment in 2019/20 or "
            "2020/21 (COVID-19).",
            "LAIT prints '-' where a value is missing or suppressed without saying which.",
        ),
        measured_instead={
            "Scotland": "Scotland records developmental concerns at child health reviews (27–30 months, 4–5 years) instead.",
            "Wales": "Wales publishes no assessment of development at age 5.",
            "Northern Ireland": "Northern Ireland publishes no assessment of development at age 5.",
        },
        summary_phrase=(
            "of children in {area} were at the expected level in communication and language "
            "at age 5"
        ),
    ),
    _asq3(
        "all_domains",
        "all five areas",
        "all five areas: communication, gross motor, fine motor, problem solving and personal-social skills",
        fingertips_id=93436,
        id_note=(
            "Fingertips 93436 'Child development: percentage of children achieving a good level "
            "of development at 2 to 2 and a half years', area type 502, as downloaded by two "
            "public analysis repositories with the fingertipsR client."
        ),
    ),
    _asq3("communication", "communication", "communication skills"),
    _asq3("gross_motor", "gross motor skills", "gross motor skills"),
    _asq3("fine_motor", "fine motor skills", "fine motor skills"),
    _asq3("problem_solving", "problem solving", "problem-solving skills"),
    _asq3("personal_social", "personal-social skills", "personal-social skills"),
    Indicator(
        id="asq3_use_in_reviews",
        age_band="2–2½ years",
        title="2–2½ year reviews that used ASQ-3 (PHOF 2.05ii)",
        short_title="Reviews using ASQ-3",
        definition=(
            "PHOF 2.05ii: of the children who received a 2–2½ year review, the percentage whose "
            "review used the Ages and Stages Questionnaire (ASQ-3). It is not the share of all "
            "children who were reviewed: an area can score 100% while reviewing few of its "
            "children."
        ),
        theme="Health visiting",
        unit="%",
        polarity="higher_is_better",
        age="2 to 2½ years",
        nations=("England",),
        year_type="financial",
        comparability_group="health_visiting",
        comparability_note="England only: not comparable with the other nations' review counts.",
        publisher="Office for Health Improvement and Disparities (OHID), via DfE LAIT",
        source_url=_FINGERTIPS_URL,
        fingertips_id=92543,
        publisher_id_note=(
            "Fingertips 92543 '2.05ii - Proportion of children aged 2-2½yrs offered ASQ-3 as part "
            "of the Healthy Child Programme or integrated review', from the README of the "
            "official fingertipsR client (ropensci/fingertipsR, commit 9f3b1ad)."
        ),
        caveats=(
            _VOLUNTARY,
            "This is the share of reviews that used ASQ-3, not the coverage of the review; it "
            "is not used to judge how representative the ASQ-3 outcomes are. For that, each "
            "ASQ-3 outcome row compares the children with a result with the resident cohort.",
            "LAIT prints '-' where a value is missing or suppressed without saying which.",
        ),
        measured_instead={
            "Scotland": "Scotland reports the 27–30 month review instead.",
            "Wales": _WALES_INSTEAD,
            "Northern Ireland": _NI_INSTEAD,
        },
        summary_phrase="of 2–2½ year reviews in {area} used ASQ-3",
    ),
    _hv(
        "hv_new_birth_visit_14d",
        "New birth visit within 14 days",
        "Infants who received a new birth visit within 14 days of birth",
        "Percentage of infants who received a face-to-face new birth visit from a health visitor within 14 days of birth.",
        "Within 14 days of birth",
        group="hv_new_birth",
        band="Birth to 2 weeks",
        phrase="of infants in {area} received a new birth visit within 14 days",
    ),
    _hv(
        "hv_new_birth_visit_after_14d",
        "New birth visit after 14 days",
        "Infants who received a new birth visit after 14 days of birth",
        "Percentage of infants whose new birth visit took place after 14 days of birth.",
        "After 14 days of birth",
        polarity="no_judgement",
        group="hv_new_birth",
        band="Birth to 2 weeks",
        phrase="of infants in {area} received their new birth visit after 14 days",
    ),
    _hv(
        "hv_new_birth_visit_30d",
        "New birth visit within 30 days",
        "Infants who received a new birth visit up to 30 days after birth",
        "Percentage of infants who received a new birth visit within 30 days of birth (within and after 14 days).",
        "Within 30 days of birth",
        group="hv_new_birth",
        band="Birth to 2 weeks",
        phrase="of infants in {area} received a new birth visit within 30 days",
    ),
    _hv(
        "hv_review_6_8_week",
        "6–8 week review",
        "Infants who received a 6–8 week review",
        "Percentage of infants who received a 6–8 week review by the time they were 8 weeks old.",
        "6–8 weeks",
        band="6–8 weeks",
        phrase="of infants in {area} received a 6–8 week review",
    ),
    _hv(
        "hv_review_12m_by_12m",
        "12-month review by 12 months",
        "Children who received a 12-month review by the age of 12 months",
        "Percentage of children who received a 12-month review by the time they turned 12 months.",
        "12 months",
        band="12 months",
        phrase="of children in {area} received a 12-month review by 12 months",
    ),
    _hv(
        "hv_review_12m_by_15m",
        "12-month review by 15 months",
        "Children who received a 12-month review by the age of 15 months",
        "Percentage of children who received a 12-month review by the time they turned 15 months.",
        "12–15 months",
        band="12 months",
        phrase="of children in {area} received a 12-month review by 15 months",
    ),
    _hv(
        "hv_review_2_2half",
        "2–2½ year review",
        "Children who received a 2–2½ year review",
        "Percentage of children who received a 2–2½ year review by the time they turned 2½.",
        "2 to 2½ years",
        band="2–2½ years",
        phrase="of children in {area} received a 2–2½ year review",
    ),
    _hv(
        "hv_review_2_2half_asq3",
        "2–2½ year review using ASQ-3",
        "2–2½ year reviews that used ASQ-3",
        "Percentage of 2–2½ year reviews in which the ASQ-3 was used.",
        "2 to 2½ years",
        band="2–2½ years",
        phrase="of 2–2½ year reviews in {area} used ASQ-3",
    ),
    Indicator(
        id="breastfeeding_6_8wk",
        age_band="6–8 weeks",
        title="Breastfeeding prevalence at 6–8 weeks",
        short_title="Breastfeeding at 6–8 weeks",
        definition=(
            "Percentage of infants totally or partially breastfed at their 6–8 week check "
            "(PHOF C05b)."
        ),
        theme="Context",
        unit="%",
        polarity="higher_is_better",
        age="6–8 weeks",
        nations=("England",),
        year_type="financial",
        comparability_group="infant_feeding",
        comparability_note=(
            "Scotland publishes exclusive breastfeeding at 6–8 weeks, a different measure: not "
            "comparable."
        ),
        publisher="Office for Health Improvement and Disparities (OHID), via DfE LAIT",
        source_url=_FINGERTIPS_URL,
        fingertips_id=92517,
        publisher_id_note="Fingertips 92517, as named in the DfE LAIT data dictionary.",
        caveats=(
            "Many local authorities are suppressed or missing because their data did not meet "
            "the coverage threshold.",
        ),
        summary_phrase="of infants in {area} were totally or partially breastfed at 6–8 weeks",
        topic="breastfeeding",
    ),
    Indicator(
        id="scot_concern_27_30m",
        age_band="2–2½ years",
        title="Children with a developmental concern at the 27–30 month review (Scotland)",
        short_title="Concern at 27–30 months",
        definition=(
            "Percentage of children reviewed at 27–30 months with a concern noted in at least one "
            "developmental domain. From 2021 the denominator is children reviewed, not those "
            "eligible."
        ),
        theme="Development at 2–2½",
        unit="%",
        polarity="lower_is_better",
        age="27 to 30 months",
        nations=("Scotland",),
        year_type="financial",
        comparability_group="development_2_2half",
        comparability_note=(
            "Scotland's '% with a concern' and England's ASQ-3 '% at or above expected' describe "
            "the same stage with different measures (and opposite polarity): same concept, "
            "different measure."
        ),
        publisher="Public Health Scotland",
        source_url=_PHS_ECD_URL,
        phs_resource_id="018ba0e1-6562-43bb-82c5-97b6c6cc22d8",
        publisher_id_note=(
            "PHS open data resource 018ba0e1-6562-43bb-82c5-97b6c6cc22d8 (open27mlatotals.csv, "
            "'Review by Council Areas' of dataset 27-30-month-review-statistics), as read by "
            "the phsopendata client and the British Red Cross Health Index."
        ),
        series_breaks=(_SCOT_2017_BREAK,),
        caveats=(
            "Reviews with data cover about 87–90% of each cohort.",
            "National headline values are rounded in the publication's main points; a 1 d.p. "
            "value is used where one was published.",
            "Council-area values are for 2022/23 only in this snapshot (PHS open data).",
        ),
        summary_phrase="of children reviewed in {area} had a developmental concern at 27–30 months",
        measured_instead={
            "England": "England measures ASQ-3 outcomes (% at or above expected) at 2–2½ years instead.",
            "Wales": _WALES_INSTEAD,
            "Northern Ireland": _NI_INSTEAD,
        },
    ),
    Indicator(
        id="scot_concern_27_30m_3yr",
        age_band="2–2½ years",
        title="Developmental concerns at 27–30 months, 3-year aggregate (Scotland, ScotPHO)",
        short_title="Concern at 27–30 months (3-year)",
        definition=(
            "Percentage of 27–30 month reviews with a concern in any developmental domain, "
            "pooled over three financial years, with 95% confidence intervals as published."
        ),
        theme="Development at 2–2½",
        unit="%",
        polarity="lower_is_better",
        age="27 to 30 months",
        nations=("Scotland",),
        year_type="financial",
        comparability_group="development_2_2half",
        comparability_note=(
            "Same measure as the annual Scottish series but pooled over three years; compare "
            "with England's ASQ-3 only as the same concept, different measure."
        ),
        publisher="ScotPHO (Public Health Scotland)",
        source_url="https://scotland.shinyapps.io/ScotPHO_profiles_tool/",
        caveats=("One 3-year period per council area in this snapshot.",),
        summary_phrase="of 27–30 month reviews in {area} recorded a developmental concern (3-year aggregate)",
        measured_instead={
            "England": "England measures ASQ-3 outcomes (% at or above expected) at 2–2½ years instead.",
            "Wales": _WALES_INSTEAD,
            "Northern Ireland": _NI_INSTEAD,
        },
    ),
    _wales(
        "wales_hcwp_contacts_completed",
        "HCWP contacts completed",
        "Healthy Child Wales Programme contacts completed (Wales)",
        "Percentage of the Healthy Child Wales Programme contacts that should have been offered to children during the period that were completed.",
        "Birth to 3½ years",
        "hv_all_contacts",
        band="",
        phrase="of the Healthy Child Wales Programme contacts due in {area} were completed",
    ),
    _wales(
        "wales_hcwp_children_seen",
        "HCWP children seen in the quarter",
        "Eligible children who received a Healthy Child Wales Programme contact in the quarter (Wales)",
        "Percentage of children eligible for any Healthy Child Wales Programme contact in the quarter who received one. A different measure from the share of contacts due that were completed.",
        "Birth to 3½ years",
        "hv_all_contacts",
        band="",
        phrase="of eligible children in {area} received a Healthy Child Wales Programme contact in the quarter",
    ),
    _wales(
        "wales_hcwp_10_14_days",
        "HCWP contact at 10–14 days",
        "Children with their first Healthy Child Wales contact at 10–14 days recorded (Wales)",
        "Percentage of children aged 10 to 14 days who had their first Healthy Child Wales Programme contact recorded.",
        "10–14 days",
        "hv_new_birth",
        band="Birth to 2 weeks",
        phrase="of children in {area} had their 10–14 day contact recorded",
    ),
    _wales(
        "wales_hcwp_16_weeks",
        "HCWP contact at 16 weeks",
        "Eligible children with a 16-week Healthy Child Wales contact (Wales)",
        "Percentage of children eligible for the 16-week Healthy Child Wales Programme contact who received it.",
        "16 weeks",
        "hv_infant_contacts",
        band="",
        phrase="of eligible children in {area} received their 16-week contact",
    ),
    _wales(
        "wales_hcwp_3_5_years",
        "HCWP contact at 3½ years",
        "Eligible children with a 3½-year Healthy Child Wales contact (Wales)",
        "Percentage of children eligible for the 3½-year Healthy Child Wales Programme contact who received it.",
        "3½ years",
        "hv_preschool_contacts",
        band="3–3½ years",
        phrase="of eligible children in {area} received their 3½-year contact",
    ),
)


def _service(
    indicator_id: str,
    short: str,
    title: str,
    definition: str,
    unit: str,
    phrase: str,
    *,
    year_type: YearType = "calendar",
    publisher: str = "Department for Education (DfE)",
    source_url: str = "https://get-information-schools.service.gov.uk/",
    caveats: tuple[str, ...] = (),
    noun: tuple[str, str] = ("", ""),
) -> Indicator:
    return Indicator(
        id=indicator_id,
        title=title,
        short_title=short,
        definition=definition,
        theme="Services",
        decimals=2 if unit.startswith("per ") else 0,
        noun=noun,
        unit=unit,
        polarity="no_judgement",
        age="Under 5",
        nations=("England",),
        year_type=year_type,
        comparability_group="services",
        comparability_note=(
            "England only: the bundled data has no Scottish or Welsh family-hub or children's-centre "
            "list, so other nations are not comparable here."
        ),
        publisher=publisher,
        source_url=source_url,
        caveats=caveats,
        measured_instead={
            "Scotland": "No Scottish list of family hubs or children's centres is in the bundled data.",
            "Wales": "Wales runs Flying Start instead; only one centre is in the bundled data.",
            "Northern Ireland": "Northern Ireland runs Sure Start: its 39 sites are shown as points, not counted by area.",
        },
        summary_phrase=phrase,
    )


_SERVICES: tuple[Indicator, ...] = (
    _service(
        "childrens_centres_n",
        "Children's centres",
        "Open children's centres (main sites)",
        "Number of open children's centres (GIAS type 47) in the area, early 2026.",
        "centres",
        "was the number of open children's centres in {area}",
        noun=("open children's centre", "open children's centres"),
        caveats=(
            "Many centres are now badged as family hubs; GIAS still lists them as children's centres.",
        ),
    ),
    _service(
        "childrens_centre_linked_sites_n",
        "Children's centre linked sites",
        "Children's centre linked sites",
        "Number of open children's centre linked sites (GIAS type 48) in the area, early 2026.",
        "sites",
        "was the number of children's centre linked sites in {area}",
        noun=("children's centre linked site", "children's centre linked sites"),
    ),
    _service(
        "childrens_centres_per_1000_under5",
        "Children's centres per 1,000 under-5s",
        "Open children's centres per 1,000 children aged under 5",
        "Open children's centres (main sites) per 1,000 children aged 0-4 (ONS mid-2020 population).",
        "per 1,000 under-5s",
        "was the number of children's centres per 1,000 children under 5 in {area}",
        noun=("open children's centre", "open children's centres"),
        caveats=("The population is the mid-2020 estimate; the site list is from early 2026.",),
    ),
    _service(
        "family_hubs_n",
        "Family hubs",
        "Family hub sites on the DfE list",
        "Number of family hub sites on DfE's list of family hub sites, located in the area.",
        "sites",
        "was the number of family hub sites in {area}",
        noun=("family hub site on DfE's list", "family hub sites on DfE's list"),
        publisher="Department for Education (DfE), via a geocoded third-party merge",
        source_url="https://www.gov.uk/government/publications/list-of-family-hub-sites",
        caveats=(
            "The DfE list is available here only inside a third-party merge that keeps its source and confidence; "
            "hubs not matched to a GIAS centre are placed in an area by their postcode's coordinates.",
        ),
    ),
    _service(
        "family_hubs_per_1000_under5",
        "Family hubs per 1,000 under-5s",
        "Family hub sites per 1,000 children aged under 5",
        "Family hub sites on the DfE list per 1,000 children aged 0-4 (ONS mid-2020 population).",
        "per 1,000 under-5s",
        "was the number of family hub sites per 1,000 children under 5 in {area}",
        noun=("family hub site on DfE's list", "family hub sites on DfE's list"),
        publisher="Department for Education (DfE), via a geocoded third-party merge",
        source_url="https://www.gov.uk/government/publications/list-of-family-hub-sites",
    ),
    _service(
        "family_hubs_start_for_life",
        "Family Hubs and Start for Life LA",
        "Family Hubs and Start for Life programme local authority",
        "1 if the local authority is one of the 75 selected for the Family Hubs and Start for Life programme (announced April 2022; 14 trailblazers), else 0.",
        "yes/no",
        "{area} {verb} one of the local authorities in the Family Hubs and Start for Life programme",
        year_type="financial",
        source_url="https://www.gov.uk/government/publications/family-hubs-and-start-for-life-package-methodology-for-pre-selecting-local-authorities",
        caveats=(
            "The list comes from pages reporting DfE's announcement, cross-checked between two of them.",
        ),
    ),
    _service(
        "family_hubs_transformation_fund",
        "Family Hubs Transformation Fund LA",
        "Family Hubs Transformation Fund local authority",
        "1 if the local authority received the Family Hubs Transformation Fund (2022-24), else 0.",
        "yes/no",
        "{area} {verb} one of the local authorities funded by the Family Hubs Transformation Fund",
        year_type="financial",
        source_url="https://www.gov.uk/government/publications/family-hubs-and-start-for-life-package-methodology-for-pre-selecting-local-authorities",
    ),
)

_BRC = (
    "Values taken from the British Red Cross Health Index package for {nation} "
    "(humaniverse/healthindex{pkg}), which processed the official source; one period only, no "
    "confidence intervals or counts."
)
_DERIVED_NOTE = (
    "Derived, not an official figure: the compiler computed these values from the publisher's "
    "figures (see derivation)."
)
_SCOT_PUB = "Public Health Scotland, via the British Red Cross Health Index"
_STATSWALES = "Welsh Government (StatsWales), via the British Red Cross Health Index"
_NISRA = "NISRA, via the British Red Cross Health Index"
_PHA = "Public Health Agency (Northern Ireland), via the British Red Cross Health Index"
_DWP = "Department for Work and Pensions, via the British Red Cross Health Index"
_DWP_URL = (
    "https://www.gov.uk/government/statistics/"
    "children-in-low-income-families-local-area-statistics-2014-to-2023"
)
_NOT_RANKED_ACROSS = (
    "Not comparable across nations: each nation's figure has its own definition, age and "
    "derivation, so values are compared only with areas of the same nation."
)


def _devolved(
    indicator_id: str,
    *,
    nation: str,
    short: str,
    title: str,
    definition: str,
    topic: str,
    unit: str,
    polarity: Polarity,
    age: str,
    year_type: YearType,
    group: str,
    note: str,
    publisher: str,
    source_url: str,
    phrase: str,
    derivation: str = "",
    caveats: tuple[str, ...] = (),
    theme: str = "Health in early life",
    age_band: str = "",
) -> Indicator:
    package = {"Wales": ("Wales", "wales"), "Scotland": ("Scotland", "scotland")}.get(
        nation, ("Northern Ireland", "ni")
    )
    return Indicator(
        id=indicator_id,
        title=title,
        short_title=short,
        definition=definition,
        theme=theme,
        topic=topic,
        unit=unit,
        polarity=polarity,
        age=age,
        age_band=age_band,
        nations=(nation,),
        year_type=year_type,
        comparability_group=group,
        comparability_note=f"{note} {_NOT_RANKED_ACROSS}",
        publisher=publisher,
        source_url=source_url,
        derivation=derivation,
        caveats=(
            _BRC.format(nation=package[0], pkg=package[1]),
            *((_DERIVED_NOTE, derivation) if derivation else ()),
            *caveats,
        ),
        summary_phrase=phrase,
    )


_DEVOLVED: tuple[Indicator, ...] = (
    # Wales: 22 unitary authorities -----------------------------------------------------------
    _devolved(
        "wales_immunised_by_4",
        nation="Wales",
        short="Fully immunised by 4 (Wales)",
        title="Children fully immunised by their 4th birthday (Wales)",
        definition=(
            "Percentage of children fully immunised by their fourth birthday (StatsWales "
            "HLTH1257), Flying Start and non-Flying Start areas combined by the compiler."
        ),
        topic="immunisation",
        unit="%",
        polarity="higher_is_better",
        age="By 4th birthday",
        year_type="financial",
        group="immunisation",
        note="Wales counts children fully immunised by age 4; other nations measure other ages and vaccines.",
        publisher=_STATSWALES,
        source_url="https://statswales.gov.wales/",
        derivation="The compiler combined HLTH1257's Flying Start and non-Flying Start area figures.",
        phrase="of children in {area} were fully immunised by their 4th birthday",
    ),
    _devolved(
        "wales_low_birth_weight",
        nation="Wales",
        short="Low birth weight (Wales)",
        title="Live births under 2,500 g (Wales)",
        definition=(
            "Percentage of live births weighing under 2,500 g, from the National Community "
            "Child Health Database (NCCHD) on StatsWales."
        ),
        topic="birth weight",
        unit="%",
        polarity="lower_is_better",
        age="At birth",
        year_type="calendar",
        group="birth_weight",
        note="Low birth weight (under 2,500 g); Scotland's 'not healthy birth weight' is a different measure.",
        publisher=_STATSWALES,
        source_url="https://statswales.gov.wales/",
        derivation="The compiler computed the percentage from NCCHD counts.",
        phrase="of live births in {area} weighed under 2,500 g",
        age_band="Birth to 2 weeks",
    ),
    _devolved(
        "wales_overweight_4_5",
        nation="Wales",
        short="Overweight or obese at 4–5 (Wales)",
        title="Children aged 4–5 overweight or obese (Wales, Child Measurement Programme)",
        definition=(
            "Percentage of children measured at age 4–5 who were overweight or obese (StatsWales "
            "HLTH1259, the complement of healthy weight and underweight), Flying Start and "
            "non-Flying Start areas combined by the compiler."
        ),
        topic="healthy weight at school entry",
        unit="%",
        polarity="lower_is_better",
        age="4–5 years (reception)",
        year_type="financial",
        group="healthy_weight_school_entry",
        note="Same concept, different measure from Scotland's Primary 1 and Northern Ireland's school measurements: ages, thresholds and programmes differ.",
        publisher=_STATSWALES,
        source_url="https://statswales.gov.wales/",
        derivation="The compiler combined HLTH1259's Flying Start and non-Flying Start area figures.",
        phrase="of children measured at 4–5 in {area} were overweight or obese",
        age_band="Age 5",
    ),
    _devolved(
        "wales_child_poverty",
        nation="Wales",
        short="Children in low income families (Wales)",
        title="Children in relative low income families (Wales, DWP)",
        definition=(
            "Percentage of children under 16 living in relative low income families before "
            "housing costs (DWP Children in low income families, local area statistics)."
        ),
        topic="child poverty",
        unit="%",
        polarity="lower_is_better",
        age="Under 16",
        year_type="financial",
        group="child_poverty",
        note="DWP's local measure is the same in England, Wales and Scotland but the years and releases here differ (DWP revises its back series); Northern Ireland's is a deprivation-measure domain.",
        publisher=_DWP,
        source_url=_DWP_URL,
        phrase="of children in {area} lived in relative low income families",
        theme="Context",
    ),
    # Northern Ireland: 11 councils, 5 HSC trusts ------------------------------------------------
    _devolved(
        "ni_vaccine_coverage_trust",
        nation="Northern Ireland",
        short="Childhood vaccine coverage (NI trusts)",
        title="Childhood vaccine coverage, average over vaccines (Northern Ireland, by HSC trust)",
        definition=(
            "Average uptake of the routine childhood vaccines in the PHA Director of Public "
            "Health core tables, by Health and Social Care trust, as a percentage. A trust "
            "figure: shown for the 5 trusts, never as 11 council figures."
        ),
        topic="immunisation",
        unit="%",
        polarity="higher_is_better",
        age="Childhood schedule (to age 5)",
        year_type="financial",
        group="immunisation",
        note="An average of several vaccines' uptake, not one vaccine at one age.",
        publisher=_PHA,
        source_url="https://www.publichealth.hscni.net/",
        derivation="The compiler averaged several vaccines' published uptake (stored as a 0–1 proportion, shown here as %).",
        phrase="was the average childhood vaccine uptake in the trust that serves {area}",
    ),
    _devolved(
        "ni_low_birth_weight",
        nation="Northern Ireland",
        short="Low birth weight (NI)",
        title="Low birth weight births (Northern Ireland)",
        definition=(
            "Percentage of births under 2,500 g by council area (PHA 'Children's health in "
            "Northern Ireland' data tables)."
        ),
        topic="birth weight",
        unit="%",
        polarity="lower_is_better",
        age="At birth",
        year_type="financial",
        group="birth_weight",
        note="Low birth weight (under 2,500 g); Scotland's 'not healthy birth weight' is a different measure.",
        publisher=_PHA,
        source_url="https://www.publichealth.hscni.net/",
        phrase="of births in {area} weighed under 2,500 g",
        age_band="Birth to 2 weeks",
    ),
    _devolved(
        "ni_overweight_school",
        nation="Northern Ireland",
        short="Overweight or obese children (NI)",
        title="School children overweight or obese (Northern Ireland, NISRA CHILDBMILGD)",
        definition=(
            "Percentage of measured school children overweight or obese by council area "
            "(NISRA CHILDBMILGD); where two published figures exist the compiler averaged them."
        ),
        topic="healthy weight at school entry",
        unit="%",
        polarity="lower_is_better",
        age="School age (Primary 1 and Year 8 measurements)",
        year_type="financial",
        group="healthy_weight_school_entry",
        note="Same concept, different measure from Wales' age 4–5 and Scotland's Primary 1 figures.",
        publisher=_NISRA,
        source_url="https://data.nisra.gov.uk/",
        derivation="Values ending in .x5 are the compiler's averages of two published figures.",
        phrase="of measured school children in {area} were overweight or obese",
    ),
    _devolved(
        "ni_infant_mortality_trust",
        nation="Northern Ireland",
        short="Infant mortality (NI trusts)",
        title="Infant mortality rate (Northern Ireland, by HSC trust, 5 years)",
        definition=(
            "Deaths under 1 year per 1,000 live births over five calendar years, by Health and "
            "Social Care trust (NISRA INFANTMRHSCT). A trust figure: shown for the 5 trusts, "
            "never as 11 council figures."
        ),
        topic="infant mortality",
        unit="per 1,000 live births",
        polarity="lower_is_better",
        age="Under 1",
        year_type="calendar",
        group="infant_mortality",
        note="Infant deaths per 1,000 live births is a standard definition, but periods and geographies differ from Scotland's.",
        publisher=_NISRA,
        source_url="https://data.nisra.gov.uk/",
        phrase="was the infant mortality rate in the trust that serves {area}",
        age_band="12 months",
    ),
    _devolved(
        "ni_child_poverty",
        nation="Northern Ireland",
        short="Income-deprived children (NI, NIMDM 2017)",
        title="Children in income-deprived households (Northern Ireland, NIMDM 2017)",
        definition=(
            "Percentage of children living in households that are income deprived, from the "
            "Northern Ireland Multiple Deprivation Measure 2017 income domain."
        ),
        topic="child poverty",
        unit="%",
        polarity="lower_is_better",
        age="Under 16",
        year_type="calendar",
        group="child_poverty",
        note="A deprivation-measure domain from 2017: not comparable with DWP's low income families figures.",
        publisher=_NISRA,
        source_url="https://www.nisra.gov.uk/statistics/deprivation/northern-ireland-multiple-deprivation-measure-2017-nimdm2017",
        phrase="of children in {area} lived in income-deprived households",
        theme="Context",
    ),
    # Scotland: 32 council areas ------------------------------------------------------------
    _devolved(
        "scot_vaccine_coverage",
        nation="Scotland",
        short="Childhood vaccine uptake, average (Scotland)",
        title="Childhood vaccine uptake, average over vaccines and ages (Scotland)",
        definition=(
            "Average of PHS uptake rates for the routine vaccines due by 12 months, 24 months, "
            "5 years and 6 years (quarter ending June 2024 release), computed by the compiler."
        ),
        topic="immunisation",
        unit="%",
        polarity="higher_is_better",
        age="12 months to 6 years",
        year_type="calendar",
        group="immunisation",
        note="An average of several vaccines at four ages, not one vaccine at one age.",
        publisher=_SCOT_PUB,
        source_url="https://publichealthscotland.scot/publications/childhood-immunisation-statistics-scotland/",
        derivation="The compiler averaged per-vaccine uptake at each age, then the four ages.",
        phrase="was the average childhood vaccine uptake in {area}",
    ),
    _devolved(
        "scot_not_healthy_birthweight",
        nation="Scotland",
        short="Not a healthy birth weight (Scotland)",
        title="Babies not of a healthy birth weight for gestational age (Scotland)",
        definition=(
            "Percentage of live singleton births whose weight is not appropriate for gestational "
            "age (small or large), i.e. 100 minus the ScotPHO 'healthy birth weight' figure. "
            "Not the same as low birth weight (under 2,500 g)."
        ),
        topic="birth weight",
        unit="%",
        polarity="lower_is_better",
        age="At birth",
        year_type="calendar",
        group="birth_weight",
        note="Not comparable with Wales' and Northern Ireland's low birth weight: it counts both small and large babies for their gestation.",
        publisher=_SCOT_PUB,
        source_url="https://scotland.shinyapps.io/ScotPHO_profiles_tool/",
        derivation="The compiler took 100 minus the published healthy birth weight %.",
        phrase="of babies born in {area} were not of a healthy weight for their gestation",
        age_band="Birth to 2 weeks",
    ),
    _devolved(
        "scot_p1_overweight",
        nation="Scotland",
        short="P1 overweight or obese (Scotland)",
        title="Primary 1 children at risk of overweight or obesity (Scotland)",
        definition=(
            "Percentage of Primary 1 children (about age 5) measured whose BMI puts them at "
            "risk of overweight or obesity (epidemiological thresholds), from PHS Primary 1 "
            "BMI statistics as processed by the compiler."
        ),
        topic="healthy weight at school entry",
        unit="%",
        polarity="lower_is_better",
        age="Primary 1 (about 5 years)",
        year_type="financial",
        group="healthy_weight_school_entry",
        note="Same concept, different measure from Wales' age 4–5 and Northern Ireland's school measurements.",
        publisher=_SCOT_PUB,
        source_url="https://publichealthscotland.scot/publications/primary-1-body-mass-index-bmi-statistics-scotland/",
        derivation="The compiler computed the percentage from PHS counts.",
        phrase="of Primary 1 children measured in {area} were at risk of overweight or obesity",
        age_band="Age 5",
    ),
    _devolved(
        "scot_infant_mortality",
        nation="Scotland",
        short="Infant mortality (Scotland)",
        title="Infant mortality rate (Scotland, 5 years)",
        definition="Deaths under 1 year per 1,000 live births, pooled over five calendar years.",
        topic="infant mortality",
        unit="per 1,000 live births",
        polarity="lower_is_better",
        age="Under 1",
        year_type="calendar",
        group="infant_mortality",
        note="Infant deaths per 1,000 live births is a standard definition, but periods and geographies differ from Northern Ireland's.",
        publisher=_SCOT_PUB,
        source_url="https://scotland.shinyapps.io/ScotPHO_profiles_tool/",
        phrase="was the infant mortality rate in {area}",
        age_band="12 months",
    ),
    _devolved(
        "scot_child_poverty",
        nation="Scotland",
        short="Children in low income families (Scotland)",
        title="Children in relative low income families (Scotland, DWP)",
        definition=(
            "Percentage of children under 16 living in relative low income families before "
            "housing costs, financial year ending 2023 (provisional), DWP local area statistics."
        ),
        topic="child poverty",
        unit="%",
        polarity="lower_is_better",
        age="Under 16",
        year_type="financial",
        group="child_poverty",
        note="DWP's local measure is the same in England, Wales and Scotland but the years and releases here differ (DWP revises its back series); Northern Ireland's is a deprivation-measure domain.",
        publisher=_DWP,
        source_url=_DWP_URL,
        phrase="of children in {area} lived in relative low income families",
        theme="Context",
    ),
)


def _scotpho(
    indicator_id: str,
    *,
    short: str,
    title: str,
    definition: str,
    topic: str,
    polarity: Polarity,
    age: str,
    year_type: YearType,
    group: str,
    note: str,
    phrase: str,
    age_band: str = "",
) -> Indicator:
    return Indicator(
        id=indicator_id,
        title=title,
        short_title=short,
        definition=definition,
        theme="Health in early life",
        topic=topic,
        unit="%",
        polarity=polarity,
        age=age,
        age_band=age_band,
        nations=("Scotland",),
        year_type=year_type,
        comparability_group=group,
        comparability_note=f"{note} {_NOT_RANKED_ACROSS}",
        publisher="ScotPHO (Public Health Scotland)",
        source_url="https://scotland.shinyapps.io/ScotPHO_profiles_tool/",
        caveats=(
            "One 3-year aggregate per council area in this snapshot, with 95% confidence "
            "intervals as published; ScotPHO's numerator is an annual average, kept in the note.",
        ),
        summary_phrase=phrase,
    )


_SCOTPHO: tuple[Indicator, ...] = (
    _scotpho(
        "scot_exclusive_bf_6_8wk",
        short="Exclusively breastfed at 6–8 weeks (Scotland)",
        title="Babies exclusively breastfed at 6–8 weeks (Scotland, ScotPHO)",
        definition=(
            "Percentage of babies reviewed at their 6–8 week health visitor review who were "
            "exclusively breastfed, pooled over three financial years. Exclusive breastfeeding "
            "only: not England's 'totally or partially breastfed'."
        ),
        topic="breastfeeding",
        polarity="higher_is_better",
        age="6–8 weeks",
        year_type="financial",
        group="infant_feeding",
        note="Not comparable with England's any (total or partial) breastfeeding at 6–8 weeks.",
        phrase="of babies reviewed in {area} were exclusively breastfed at 6–8 weeks",
        age_band="6–8 weeks",
    ),
    _scotpho(
        "scot_imm_24m_6in1",
        short="6-in-1 by 24 months (Scotland)",
        title="Immunisation uptake at 24 months: 6-in-1 (Scotland, ScotPHO)",
        definition=(
            "Percentage of children who had completed the 6-in-1 (DTaP/IPV/Hib/HepB) primary "
            "course by 24 months, pooled over three calendar years."
        ),
        topic="immunisation",
        polarity="higher_is_better",
        age="24 months",
        year_type="calendar",
        group="immunisation",
        note="One vaccine at one age; Wales counts full immunisation by age 4, NI an average over vaccines.",
        phrase="of children in {area} had the 6-in-1 vaccine by 24 months",
        age_band="2–2½ years",
    ),
    _scotpho(
        "scot_imm_24m_mmr",
        short="MMR by 24 months (Scotland)",
        title="Immunisation uptake at 24 months: MMR (Scotland, ScotPHO)",
        definition=(
            "Percentage of children who had their first MMR dose by 24 months, pooled over "
            "three calendar years."
        ),
        topic="immunisation",
        polarity="higher_is_better",
        age="24 months",
        year_type="calendar",
        group="immunisation",
        note="One vaccine at one age; Wales counts full immunisation by age 4, NI an average over vaccines.",
        phrase="of children in {area} had their first MMR dose by 24 months",
        age_band="2–2½ years",
    ),
    _scotpho(
        "scot_healthy_birth_weight",
        short="Healthy birth weight (Scotland)",
        title="Babies of a healthy birth weight for gestational age (Scotland, ScotPHO)",
        definition=(
            "Percentage of live singleton births of appropriate weight for gestational age "
            "(neither small nor large), pooled over three financial years. Not the complement "
            "of low birth weight."
        ),
        topic="birth weight",
        polarity="higher_is_better",
        age="At birth",
        year_type="financial",
        group="birth_weight",
        note="Not comparable with Wales' and Northern Ireland's low birth weight (under 2,500 g).",
        phrase="of babies born in {area} were of a healthy weight for their gestation",
        age_band="Birth to 2 weeks",
    ),
    _scotpho(
        "scot_smoking_pregnancy",
        short="Smoking during pregnancy (Scotland)",
        title="Women smoking during pregnancy (Scotland, ScotPHO)",
        definition=(
            "Percentage of women recorded as current smokers at their first antenatal booking "
            "appointment, pooled over three financial years."
        ),
        topic="pregnancy",
        polarity="lower_is_better",
        age="Pregnancy (antenatal booking)",
        year_type="financial",
        group="smoking_in_pregnancy",
        note="Scotland's booking-appointment measure; England records smoking at the time of delivery: not comparable.",
        phrase="of women booking for antenatal care in {area} were smoking",
    ),
)


_LAIT_SOURCE_NOTE = (
    "Read from the DfE Local Authority Interactive Tool (LAIT, April 2026 data), measure {code}; "
    "LAIT re-publishes figures from {owner}, and this project reads the percentage or rate, "
    "which LAIT gives without a denominator or confidence interval."
)
_LAIT_DASH = "LAIT prints '-' where a value is missing or suppressed without saying which."
_LAIT_URL = "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait"
_EY_PROVISION_URL = (
    "https://explore-education-statistics.service.gov.uk/find-statistics/"
    "education-provision-children-under-5"
)
_NCMP_URL = (
    "https://www.gov.uk/government/statistics/"
    "national-child-measurement-programme-ncmp-annual-report-academic-year-2024-to-2025-england"
)
_ONS_CHILD_MORTALITY_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/birthsdeathsandmarriages/deaths/datasets/"
    "childmortalitystatisticschildhoodinfantandperinatalchildhoodinfantandperinatalmortalityinenglandandwales"
)
_TAKE_UP_OVER_100 = (
    "Values above 100% are published as such: the children benefiting are counted in the "
    "January census while the children eligible are an estimate from other data, so an area's "
    "ratio can pass 100."
)


def _lait(
    indicator_id: str,
    *,
    code: str,
    owner: str,
    short: str,
    title: str,
    definition: str,
    theme: str,
    topic: str,
    unit: str,
    polarity: Polarity,
    age: str,
    age_band: str,
    year_type: YearType,
    group: str,
    note: str,
    publisher: str,
    source_url: str,
    phrase: str,
    caveats: tuple[str, ...] = (),
    measured_instead: dict[str, str] | None = None,
    may_exceed_100: bool = False,
    publisher_id_note: str = "",
) -> Indicator:
    return Indicator(
        id=indicator_id,
        title=title,
        short_title=short,
        definition=f"{definition} DfE LAIT measure {code}.",
        theme=theme,
        topic=topic,
        unit=unit,
        polarity=polarity,
        age=age,
        age_band=age_band,
        nations=("England",),
        year_type=year_type,
        comparability_group=group,
        comparability_note=note,
        publisher=f"{publisher}, via DfE LAIT",
        source_url=source_url,
        publisher_id_note=publisher_id_note or _LAIT_SOURCE_NOTE.format(code=code, owner=owner),
        caveats=(*caveats, _LAIT_DASH),
        measured_instead=measured_instead or {},
        summary_phrase=phrase,
        may_exceed_100=may_exceed_100,
    )


#: English counterparts, from LAIT, of measures the devolved nations publish by area, and
#: LAIT's other plainly early-years measures.
_LAIT_MORE: tuple[Indicator, ...] = (
    _lait(
        "ncmp_reception_excess_weight",
        code="ExcessRec",
        owner="OHID's National Child Measurement Programme",
        short="Overweight or obese in reception (England)",
        title="Reception children overweight or obese (England, National Child Measurement Programme)",
        definition=(
            "Percentage of children in reception year (aged 4–5) measured by the National "
            "Child Measurement Programme in mainstream state-maintained schools who were "
            "overweight or obese (excess weight), classified by each child's BMI against the "
            "age- and sex-specific UK BMI centiles. LAIT's dictionary says the results are "
            "derived from the postcode of the school."
        ),
        theme="Health in early life",
        topic="healthy weight at school entry",
        unit="%",
        polarity="lower_is_better",
        age="Reception year (4–5 years)",
        age_band="Age 5",
        year_type="academic",
        group="healthy_weight_school_entry",
        note=(
            "Same concept, different measure from Wales' Child Measurement Programme at 4–5, "
            "Scotland's Primary 1 'at risk of overweight or obesity' and Northern Ireland's "
            "school measurements: the age measured, the BMI thresholds, the schools covered and "
            "(for the devolved figures) the compiler's derivations differ. "
            f"{_NOT_RANKED_ACROSS}"
        ),
        publisher="Office for Health Improvement and Disparities (OHID), National Child Measurement Programme",
        source_url=_NCMP_URL,
        phrase="of reception children measured in {area} were overweight or obese",
        caveats=(
            "No local-authority figures for 2020/21: because of COVID-19 the programme measured "
            "only a sample of schools that year (LAIT prints '-').",
            "2019/20: measurement stopped when schools closed in March 2020, so fewer children "
            "were measured; LAIT has figures for 150 areas that year against about 160 in "
            "other years.",
        ),
    ),
    _lait(
        "infant_mortality",
        code="InfMort",
        owner="the Office for National Statistics (ONS)",
        short="Infant mortality (England)",
        title="Infant mortality rate (England, ONS)",
        definition=(
            "Deaths of infants under 1 year per 1,000 live births in the calendar year, from "
            "ONS child and infant mortality statistics as given in LAIT."
        ),
        theme="Health in early life",
        topic="infant mortality",
        unit="per 1,000 live births",
        polarity="lower_is_better",
        age="Under 1",
        age_band="12 months",
        year_type="calendar",
        group="infant_mortality",
        note=(
            "Deaths under 1 year per 1,000 live births is the same definition as Scotland's and "
            "Northern Ireland's figures, but theirs are pooled over five years (Northern "
            "Ireland's by HSC trust), while LAIT gives one figure per calendar year: same "
            f"concept, different measure. {_NOT_RANKED_ACROSS}"
        ),
        publisher="Office for National Statistics (ONS)",
        source_url=_ONS_CHILD_MORTALITY_URL,
        phrase="was the infant mortality rate in {area}",
        caveats=(
            "LAIT's dictionary does not say whether a local figure covers one year or is pooled "
            "over several. Rates for small areas rest on a handful of deaths and swing widely "
            "from year to year (Rutland: 2.0 in 2017, 10.9 in 2022), so read one area's change "
            "with care.",
            "No confidence intervals are published in LAIT; ONS publishes the counts.",
        ),
    ),
    _lait(
        "low_birth_weight_term",
        code="Low_Birth_Weight_Babies",
        owner="OHID (formerly Public Health England), from ONS birth registrations linked to NHS birth notifications,",
        short="Low birth weight of term babies (England)",
        title="Low birth weight of term babies (England)",
        definition=(
            "Live births with a recorded birth weight under 2,500 g and a gestational age of at "
            "least 37 complete weeks, as a percentage of all live births with a recorded birth "
            "weight and a gestational age of at least 37 complete weeks. Births without a "
            "recorded birth weight are excluded."
        ),
        theme="Health in early life",
        topic="birth weight",
        unit="%",
        polarity="lower_is_better",
        age="At birth (term babies, 37 weeks or more)",
        age_band="Birth to 2 weeks",
        year_type="calendar",
        group="birth_weight",
        note=(
            "Not comparable: England's measure counts term babies only (37 weeks or more), "
            "while Wales' and Northern Ireland's low birth weight counts all live births under "
            "2,500 g, preterm babies included (so their rates run higher), and Scotland's "
            "'(not) healthy birth weight' counts babies small or large for their gestational "
            "age. Values are compared only with areas of the same nation."
        ),
        publisher="Office for Health Improvement and Disparities (OHID), from ONS linked births data",
        source_url=(
            "https://fingertips.phe.org.uk/profile/child-health-profiles/data#page/3/gid/"
            "1938133222/pat/6/ati/302/iid/20101/age/235/sex/4"
        ),
        phrase="of term babies born in {area} weighed under 2,500 g",
        publisher_id_note=(
            "Fingertips indicator 20101 appears in the LAIT data dictionary's link for this "
            "measure; the value is read from LAIT (measure Low_Birth_Weight_Babies), not from "
            "Fingertips, so the refresh command does not fetch it."
        ),
        caveats=(
            "Where a local authority is suppressed, the next lowest is suppressed too, and "
            "higher geographies where a figure could be worked out by difference (LAIT's "
            "dictionary). Confidence intervals are published by OHID, not in LAIT.",
        ),
    ),
    _lait(
        "funded_early_education_2yo",
        code="%_2yr_olds",
        owner="the Department for Education's 'Education provision: children under 5'",
        short="Funded early education, eligible 2-year-olds (England)",
        title="Eligible 2-year-olds benefiting from funded early education (England)",
        definition=(
            "Number of 2-year-olds benefiting from some funded early education (a head count "
            "in the January early years and school census, each child counted once) as a "
            "percentage of the 2-year-olds estimated to be eligible for the entitlement for "
            "families receiving additional support (formerly the disadvantaged entitlement). "
            "The eligible number is estimated from DWP data on children believed to meet the "
            "benefit and tax credit criteria."
        ),
        theme="Early education",
        topic="early education",
        unit="%",
        polarity="higher_is_better",
        age="2 years (age on the preceding 31 December)",
        age_band="2–2½ years",
        year_type="academic",
        group="early_education_2yo",
        note=(
            "England only: the other nations' funded childcare offers differ and are not in "
            "this dataset: not comparable."
        ),
        publisher="Department for Education (DfE), Education provision: children under 5",
        source_url=_EY_PROVISION_URL,
        phrase="of eligible 2-year-olds in {area} benefited from funded early education",
        may_exceed_100=True,
        caveats=(
            _TAKE_UP_OVER_100,
            "The period is the school year of the January census (2024/25 = January 2025).",
            "England's figure falls from 74.8% (January 2024) to 65.2% (January 2025), the "
            "first year the statistics also cover the expanded working-parent entitlement; "
            "LAIT's dictionary does not say whether this measure's definition changed, so read "
            "the 2024 to 2025 change with care.",
        ),
        measured_instead={
            "Scotland": "Scotland's funded early learning and childcare for eligible 2-year-olds is not in this dataset.",
            "Wales": "Wales' Flying Start childcare for 2-year-olds is not in this dataset.",
            "Northern Ireland": "Northern Ireland's pre-school education programme is not in this dataset.",
        },
    ),
    _lait(
        "funded_early_education_3_4yo",
        code="%_3&4yr_olds",
        owner="the Department for Education's 'Education provision: children under 5'",
        short="Funded early education, 3- and 4-year-olds (England)",
        title="3- and 4-year-olds benefiting from some funded early education (England)",
        definition=(
            "Number of 3- and 4-year-olds benefiting from some funded early education (a head "
            "count in the January early years and school census, each child counted once) as "
            "a percentage of the area's estimated 3- and 4-year-old population; every 3- and "
            "4-year-old is entitled to 570 funded hours a year."
        ),
        theme="Early education",
        topic="early education",
        unit="%",
        polarity="higher_is_better",
        age="3 and 4 years (age on the preceding 31 December)",
        age_band="3–3½ years",
        year_type="academic",
        group="early_education_3_4yo",
        note=(
            "England only: the other nations' funded pre-school offers differ and are not in "
            "this dataset: not comparable."
        ),
        publisher="Department for Education (DfE), Education provision: children under 5",
        source_url=_EY_PROVISION_URL,
        phrase="of 3- and 4-year-olds in {area} benefited from some funded early education",
        may_exceed_100=True,
        caveats=(
            _TAKE_UP_OVER_100,
            "The period is the school year of the January census (2024/25 = January 2025).",
        ),
        measured_instead={
            "Scotland": "Scotland's funded early learning and childcare is not in this dataset.",
            "Wales": "Wales' Foundation Learning and Childcare Offer figures are not in this dataset.",
            "Northern Ireland": "Northern Ireland's pre-school education programme is not in this dataset.",
        },
    ),
)


def _eyfsp_area(indicator_id: str, code: str, area: str, goals: str) -> Indicator:
    return _lait(
        indicator_id,
        code=code,
        owner="the Department for Education's EYFSP results",
        short=f"{area[0].upper()}{area[1:]} at 5",
        title=(
            f"Children at the expected level in the {area} early learning goals at the end of "
            "reception (EYFSP)"
        ),
        definition=(
            "Percentage of children assessed at the end of the Early Years Foundation Stage "
            "(the summer term of the school year in which they turn 5) who were at least at "
            f"the expected level in the early learning goals of the {area} area of learning "
            f"({goals}), state-funded schools, reformed profile (2021/22 on)."
        ),
        theme="Development at 5",
        topic="development at 5",
        unit="%",
        polarity="higher_is_better",
        age="End of reception year (age 4–5)",
        age_band="Age 5",
        year_type="academic",
        group="development_age5",
        note=(
            "England only; no other UK nation publishes a teacher assessment of development at "
            "age 5: not comparable."
        ),
        publisher="Department for Education (DfE)",
        source_url=_EYFSP_URL,
        phrase=f"of children in {{area}} were at the expected level in {area} at age 5",
        caveats=(
            "Only the reformed profile (from 2021/22) is read. LAIT also lists 2015/16–2018/19 "
            "under the same measure code, but those come from the earlier profile, whose goals "
            "were assessed differently: they cannot be compared with 2021/22 on and are left "
            "out. There was no assessment in 2019/20 or 2020/21 (COVID-19).",
        ),
        measured_instead={
            "Scotland": "Scotland records developmental concerns at child health reviews (27–30 months, 4–5 years) instead.",
            "Wales": "Wales publishes no assessment of development at age 5.",
            "Northern Ireland": "Northern Ireland publishes no assessment of development at age 5.",
        },
    )


def _ofsted_rated(indicator_id: str, code: str, ages: str, age: str, band: str) -> Indicator:
    return _lait(
        indicator_id,
        code=code,
        owner="the Department for Education's 'Education provision: children under 5'",
        short=f"Funded {ages} at good or outstanding providers (England)",
        title=(f"Funded {ages} at providers rated good or outstanding by Ofsted (England)"),
        definition=(
            f"Percentage of {ages} benefiting from funded early education (January census) "
            "whose provider was rated good or outstanding by Ofsted, among providers with a "
            "matched and identified Ofsted judgement."
        ),
        theme="Early education",
        topic="early education",
        unit="%",
        polarity="higher_is_better",
        age=age,
        age_band=band,
        year_type="academic",
        group="early_education_quality",
        note=(
            "England only: Ofsted inspects English providers; the other nations' inspectorates "
            "and offers differ and are not in this dataset: not comparable."
        ),
        publisher="Department for Education (DfE), Education provision: children under 5",
        source_url=_EY_PROVISION_URL,
        phrase=f"of funded {ages} in {{area}} attended a provider rated good or outstanding",
        caveats=(
            "DfE discontinued this measure: the last value is for January 2024 (2023/24).",
            "England's figure jumps between January 2016 and January 2017 (2-year-olds 84% to "
            "97%; 3- and 4-year-olds 86% to 93%); LAIT's dictionary does not explain the jump, "
            "so 2015/16 may not be on the same basis as later years.",
        ),
    )


_LAIT_MORE = (
    *_LAIT_MORE,
    _lait(
        "eyfsp_all_elgs",
        code="FSP_NEW_ALL-ELGS",
        owner="the Department for Education's EYFSP results",
        short="All 17 early learning goals at 5",
        title=(
            "Children at the expected level in all 17 early learning goals at the end of "
            "reception (EYFSP)"
        ),
        definition=(
            "Percentage of children assessed at the end of the Early Years Foundation Stage "
            "who were at the expected level in all 17 early learning goals, state-funded "
            "schools, reformed profile (2021/22 on)."
        ),
        theme="Development at 5",
        topic="development at 5",
        unit="%",
        polarity="higher_is_better",
        age="End of reception year (age 4–5)",
        age_band="Age 5",
        year_type="academic",
        group="development_age5",
        note=(
            "England only; no other UK nation publishes a teacher assessment of development at "
            "age 5: not comparable."
        ),
        publisher="Department for Education (DfE)",
        source_url=_EYFSP_URL,
        phrase="of children in {area} were at the expected level in all 17 early learning goals at age 5",
        caveats=(
            "Only the reformed profile (from 2021/22) is read; LAIT's earlier years under the "
            "same code come from the earlier profile and cannot be compared. There was no "
            "assessment in 2019/20 or 2020/21 (COVID-19).",
        ),
        measured_instead={
            "Scotland": "Scotland records developmental concerns at child health reviews (27–30 months, 4–5 years) instead.",
            "Wales": "Wales publishes no assessment of development at age 5.",
            "Northern Ireland": "Northern Ireland publishes no assessment of development at age 5.",
        },
    ),
    _eyfsp_area(
        "eyfsp_personal_social_emotional",
        "FSP_NEW_PSE",
        "personal, social and emotional development",
        "self-regulation; managing self; building relationships",
    ),
    _eyfsp_area(
        "eyfsp_physical",
        "FSP_NEW_PHY",
        "physical development",
        "gross motor skills; fine motor skills",
    ),
    _eyfsp_area(
        "eyfsp_literacy", "FSP_NEW_LIT", "literacy", "comprehension; word reading; writing"
    ),
    _eyfsp_area("eyfsp_mathematics", "FSP_NEW_MATHS", "mathematics", "number; numerical patterns"),
    _eyfsp_area(
        "eyfsp_understanding_world",
        "FSP_NEW_WORLD",
        "understanding the world",
        "past and present; people, culture and communities; the natural world",
    ),
    _eyfsp_area(
        "eyfsp_expressive_arts",
        "FSP_NEW_ART",
        "expressive arts and design",
        "creating with materials; being imaginative and expressive",
    ),
    _ofsted_rated(
        "funded_2yo_good_outstanding",
        "2yr_Ofsted_rating",
        "2-year-olds",
        "2 years (age on the preceding 31 December)",
        "2–2½ years",
    ),
    _ofsted_rated(
        "funded_3_4yo_good_outstanding",
        "3&4yr_Ofsted_rating",
        "3- and 4-year-olds",
        "3 and 4 years (age on the preceding 31 December)",
        "3–3½ years",
    ),
    _lait(
        "absence_age_4",
        code="4yrAbsence",
        owner="the Department for Education's pupil absence statistics",
        short="Absence of 4-year-olds in school (England)",
        title="Overall absence of 4-year-olds in state-funded schools (England)",
        definition=(
            "Overall absence of pupils aged 4 (mostly reception) in state-funded schools: "
            "half-day sessions missed as a percentage of possible sessions, over the whole "
            "school year (six half terms). Absence of 4-year-olds is not split into authorised "
            "and unauthorised."
        ),
        theme="Early education",
        topic="early education",
        unit="%",
        polarity="lower_is_better",
        age="4 years (reception)",
        age_band="Age 5",
        year_type="academic",
        group="absence_age_4",
        note=(
            "England only: the other nations' school absence statistics are not in this "
            "dataset: not comparable."
        ),
        publisher="Department for Education (DfE), Pupil absence in schools in England",
        source_url=(
            "https://explore-education-statistics.service.gov.uk/find-statistics/"
            "pupil-absence-in-schools-in-england"
        ),
        phrase="of possible school sessions were missed by 4-year-olds in {area}",
        caveats=(
            "No figures for 2019/20: schools closed to most pupils in the summer of 2020 and "
            "absence for the whole year was not published (LAIT prints '-').",
            "2020/21 is not comparable with other years: sessions missed because of COVID-19 "
            "rules were recorded separately, not as absence.",
        ),
    ),
    _lait(
        "child_poverty_england",
        code="ChildPov",
        owner="the Department for Work and Pensions (DWP), Children in low income families",
        short="Children in low income families (England)",
        title="Children in relative low income families (England, DWP)",
        definition=(
            "Percentage of children under 16 living in relative low income families before "
            "housing costs (DWP Children in low income families, local area statistics), as "
            "given in LAIT's long file (not in its early-years extract)."
        ),
        theme="Context",
        topic="child poverty",
        unit="%",
        polarity="lower_is_better",
        age="Under 16",
        age_band="",
        year_type="financial",
        group="child_poverty",
        note=(
            "The same DWP local measure as Wales' and Scotland's figures here, but from a later "
            "release and for other years: DWP revised the back series (administrative data in "
            "place of survey responses), so figures from different releases are not compared. "
            "Northern Ireland's is a deprivation-measure domain. "
            f"{_NOT_RANKED_ACROSS}"
        ),
        publisher="Department for Work and Pensions (DWP)",
        source_url="https://www.gov.uk/government/collections/children-in-low-income-families-local-area-statistics",
        phrase="of children in {area} lived in relative low income families",
        caveats=(
            "Children under 16, not only the under-5s this dashboard is about: shown as "
            "context for the early years.",
        ),
    ),
)


def _scot_domain(domain_id: str, domain: str) -> Indicator:
    return Indicator(
        id=f"scot_concern_27_30m_{domain_id}",
        age_band="2–2½ years",
        topic="development at 2",
        title=f"Children with a concern about {domain} at the 27–30 month review (Scotland)",
        short_title=f"Concern at 27–30 months: {domain}",
        definition=(
            f"Percentage of children reviewed at 27–30 months with a concern noted about their "
            f"{domain}, Scotland, as rounded in Public Health Scotland's main points."
        ),
        theme="Development at 2–2½",
        unit="%",
        polarity="lower_is_better",
        age="27 to 30 months",
        nations=("Scotland",),
        year_type="financial",
        comparability_group="development_2_2half",
        comparability_note=(
            "One domain of Scotland's 27–30 month review; England's ASQ-3 domains describe the "
            "same stage with a different measure (and opposite polarity): same concept, "
            "different measure."
        ),
        publisher="Public Health Scotland",
        source_url=_PHS_ECD_URL,
        series_breaks=(_SCOT_2017_BREAK,),
        caveats=(
            "Scotland-level values only, rounded to whole percentages in the publication's "
            "main points; no council-area or board values for this domain in the bundled data.",
        ),
        summary_phrase=f"of children reviewed in {{area}} had a concern about their {domain} at 27–30 months",
        measured_instead={
            "England": "England measures ASQ-3 outcomes by domain (% at or above expected) at 2–2½ years instead.",
            "Wales": _WALES_INSTEAD,
            "Northern Ireland": _NI_INSTEAD,
        },
    )


_QUOTED_MORE: tuple[Indicator, ...] = (
    _scot_domain("speech_language", "speech, language and communication"),
    _scot_domain("emotional_behavioural", "emotional and behavioural development"),
    _scot_domain("gross_motor", "gross motor skills"),
    _wales(
        "wales_hcwp_contacts_in_age_range",
        "HCWP contacts within the specified age",
        "Healthy Child Wales Programme contacts made within the specified age range (Wales)",
        "Percentage of the Healthy Child Wales Programme contacts made that took place within the age range the programme specifies for that contact.",
        "Birth to 3½ years",
        "hv_all_contacts",
        band="",
        phrase="of the Healthy Child Wales Programme contacts made in {area} were within the specified age range",
    ),
    replace(
        _wales(
            "wales_hcwp_contacts_recorded_n",
            "HCWP contacts recorded",
            "Healthy Child Wales Programme contacts recorded (Wales)",
            "Number of Healthy Child Wales Programme contacts recorded on the National Community Child Health Database in the calendar year, as rounded in the publication ('just under', 'more than').",
            "Birth to 3½ years",
            "hv_all_contacts",
            band="",
            phrase="was the publisher's rounded count of Healthy Child Wales Programme contacts recorded in {area}",
        ),
        unit="contacts",
        polarity="no_judgement",
        decimals=0,
    ),
    replace(
        _wales(
            "wales_hcwp_contacts_not_recorded_n",
            "HCWP contacts due but not recorded",
            "Healthy Child Wales Programme contacts due but not recorded as taking place (Wales)",
            "Number of Healthy Child Wales Programme contacts that should have been offered in the calendar year but were not recorded as taking place, as rounded in the publication ('nearly').",
            "Birth to 3½ years",
            "hv_all_contacts",
            band="",
            phrase="was the publisher's rounded count of Healthy Child Wales Programme contacts due in {area} but not recorded as taking place",
        ),
        unit="contacts",
        polarity="lower_is_better",
        decimals=0,
    ),
    Indicator(
        id="wales_flying_start_children_n",
        title="Children who received Flying Start services (Wales)",
        short_title="Children receiving Flying Start services",
        definition=(
            "Number of children who received Flying Start services (Wales' targeted programme "
            "for children under 4 in disadvantaged areas) at any time in the financial year."
        ),
        theme="Health visiting",
        topic="health visiting",
        unit="children",
        decimals=0,
        polarity="no_judgement",
        age="Under 4",
        age_band="",
        nations=("Wales",),
        year_type="financial",
        comparability_group="flying_start",
        comparability_note=(
            "Wales only: Flying Start is a Welsh programme with no counterpart in the other "
            "nations' data: not comparable."
        ),
        publisher="Welsh Government",
        source_url="https://gov.wales/node/10391",
        summary_phrase="was the number of children who received Flying Start services in {area}",
    ),
    Indicator(
        id="wales_flying_start_hv_contacts_per_child",
        title="Health visitor contacts per child on the Flying Start caseload (Wales)",
        short_title="Flying Start contacts per child",
        definition=(
            "Average number of contacts per child on the Flying Start health visitor caseload "
            "in the financial year. Up to 2017/18 the count includes contacts by the wider "
            "health team; the 2024/25 figure counts health visitor contacts."
        ),
        theme="Health visiting",
        topic="health visiting",
        unit="per child",
        noun=("Flying Start health contact", "Flying Start health contacts"),
        polarity="no_judgement",
        age="Under 4",
        age_band="",
        nations=("Wales",),
        year_type="financial",
        comparability_group="flying_start",
        comparability_note=(
            "Wales only: Flying Start is a Welsh programme with no counterpart in the other "
            "nations' data: not comparable."
        ),
        publisher="Welsh Government",
        source_url="https://www.gov.wales/flying-start-april-2024-march-2025-html",
        series_breaks=(
            SeriesBreak(
                after="2017/18",
                before="2024/25",
                note=(
                    "Up to 2017/18 the contacts include the wider health team; the 2024/25 "
                    "figure counts health visitor contacts, so the publisher says it is not "
                    "necessarily comparable."
                ),
            ),
        ),
        summary_phrase="was the average number of contacts per child on the Flying Start caseload in {area}",
    ),
)


CATALOGUE: dict[str, Indicator] = {
    indicator.id: replace(indicator, topic=indicator.topic or _TOPIC_BY_THEME[indicator.theme])
    for indicator in (*_INDICATORS, *_SERVICES, *_DEVOLVED, *_SCOTPHO, *_LAIT_MORE, *_QUOTED_MORE)
}


def get_indicator(indicator_id: str) -> Indicator:
    """The catalogue entry for ``indicator_id``.

    Raises:
        UnknownIndicatorError: the id is not in the catalogue.
    """
    try:
        return CATALOGUE[indicator_id]
    except KeyError:
        raise UnknownIndicatorError(f"unknown indicator {indicator_id!r}") from None


def crosses_break(indicator: Indicator, first: str, second: str) -> SeriesBreak | None:
    """The series break between two period labels of ``indicator``, if one lies between them.

    Labels of one indicator sort as text in time order (``2018/19`` < ``2021/22``).
    """
    earlier, later = sorted((first, second))
    for series_break in indicator.series_breaks:
        if earlier < series_break.before <= later:
            return series_break
    return None


SOURCES: dict[str, Source] = {
    source.id: source
    for source in (
        Source(
            id="dfe_eyfsp_2013_2019",
            title="Early years foundation stage profile results: 2012/13 to 2018/19 (underlying data EYFSP_APS_GLD_ELG_EXP_2013_2019)",
            publisher="Department for Education",
            url=_EYFSP_URL,
            raw_files=("england/dfe_eyfsp_la_gld_2013_2019.csv",),
        ),
        Source(
            id="dfe_eyfsp_2021_22",
            title="Early years foundation stage profile results: 2021/22 (1_eyfsp_headline_measures_2022.csv)",
            publisher="Department for Education",
            url=_EYFSP_URL,
            raw_files=("england/dfe_eyfsp_headline_measures_2021_22.csv",),
        ),
        Source(
            id="dfe_lait",
            title="Local Authority Interactive Tool (LAIT), April 2026 data",
            publisher="Department for Education (compiling DfE, OHID and ONS statistics)",
            url="https://www.gov.uk/government/publications/local-authority-interactive-tool-lait",
            raw_files=("england/dfe_lait_early_years_health_extract.csv",),
        ),
        Source(
            id="ohid_asq3_2021_22",
            title=(
                "Child development outcomes at 2 to 2½ years: quarterly data for 2021 to 2022 "
                "(OHID official statistics); counts read from Nesta's processed copy "
                "(nestauk/afs_mapping_target_families, datasets/DATA.csv)"
            ),
            publisher="Office for Health Improvement and Disparities",
            url="https://www.gov.uk/government/statistics/child-development-outcomes-at-2-to-2-and-a-half-years-quarterly-data-for-2021-to-2022",
            raw_files=("england/nesta_asq3_outcomes_2to2half_by_la_2021_22_quarterly.csv",),
        ),
        Source(
            id="scotpho_profiles",
            title="ScotPHO online profiles: council-area indicator extract",
            publisher="ScotPHO / Public Health Scotland",
            url="https://scotland.shinyapps.io/ScotPHO_profiles_tool/",
            raw_files=("nations/scotland_scotpho_council_area_indicators_extract.csv",),
        ),
        Source(
            id="phs_27_30_month_open_data",
            title="27-30 month review statistics, council-area totals (open27mlatotals.csv), via the British Red Cross Health Index",
            publisher="Public Health Scotland",
            url=_PHS_OPEN_URL,
            raw_files=("nations/healthindex_devolved_child_indicators_by_la.csv",),
        ),
        Source(
            id="dfe_gias_childrens_centres",
            title="Get Information About Schools: open children's centres and linked sites (early 2026 extract)",
            publisher="Department for Education",
            url="https://get-information-schools.service.gov.uk/",
            raw_files=(
                "services/gias_open_childrens_centres_2026.csv",
                "services/gias_childrens_centres_postcode_latlng.csv",
            ),
        ),
        Source(
            id="dfe_family_hub_sites_directory",
            title="List of family hub sites (DfE), as merged and geocoded in the doddily directory (keeps source and confidence)",
            publisher="Department for Education; merge by a third party",
            url="https://www.gov.uk/government/publications/list-of-family-hub-sites",
            raw_files=("services/uk_family_hubs_childrens_centres_surestart_geocoded_doddily.csv",),
        ),
        Source(
            id="dfe_family_hubs_programme",
            title="Family Hubs and Start for Life: 75 pre-selected local authorities and Transformation Fund areas (as reported)",
            publisher="Department for Education",
            url="https://www.gov.uk/government/publications/family-hubs-and-start-for-life-package-methodology-for-pre-selecting-local-authorities",
            raw_files=("services/family_hubs_programme_local_authorities.csv",),
        ),
        Source(
            id="phs_open_data_api",
            title="27-30 month review statistics, council-area totals, downloaded from the PHS open data API",
            publisher="Public Health Scotland",
            url=_PHS_OPEN_URL,
        ),
        Source(
            id="dfe_ees_api",
            title="Early years foundation stage profile results, downloaded from the explore-education-statistics API",
            publisher="Department for Education",
            url=_EYFSP_URL,
        ),
        Source(
            id="statswales_via_brc",
            title="StatsWales HLTH1257 / HLTH1259 and NCCHD births, as processed in the British Red Cross Health Index for Wales (humaniverse/healthindexwales)",
            publisher="Welsh Government (StatsWales); processed by the British Red Cross",
            url="https://statswales.gov.wales/",
            raw_files=("nations/healthindex_devolved_child_indicators_by_la.csv",),
        ),
        Source(
            id="dwp_cilif_via_brc",
            title="Children in low income families: local area statistics, as taken in the British Red Cross Health Index for Wales and Scotland",
            publisher="Department for Work and Pensions; processed by the British Red Cross",
            url=_DWP_URL,
            raw_files=("nations/healthindex_devolved_child_indicators_by_la.csv",),
        ),
        Source(
            id="pha_ni_via_brc",
            title="PHA Director of Public Health core tables and 'Children's health in Northern Ireland' data tables, as processed in the British Red Cross Health Index for Northern Ireland (humaniverse/healthindexni)",
            publisher="Public Health Agency (Northern Ireland); processed by the British Red Cross",
            url="https://www.publichealth.hscni.net/",
            raw_files=("nations/healthindex_devolved_child_indicators_by_la.csv",),
        ),
        Source(
            id="nisra_via_brc",
            title="NISRA CHILDBMILGD, INFANTMRHSCT and NIMDM 2017, as processed in the British Red Cross Health Index for Northern Ireland (humaniverse/healthindexni)",
            publisher="Northern Ireland Statistics and Research Agency; processed by the British Red Cross",
            url="https://data.nisra.gov.uk/",
            raw_files=("nations/healthindex_devolved_child_indicators_by_la.csv",),
        ),
        Source(
            id="phs_via_brc",
            title="PHS childhood immunisation, Primary 1 BMI, birth weight and infant mortality figures, as processed in the British Red Cross Health Index for Scotland (humaniverse/healthindexscotland)",
            publisher="Public Health Scotland; processed by the British Red Cross",
            url="https://publichealthscotland.scot/",
            raw_files=("nations/healthindex_devolved_child_indicators_by_la.csv",),
        ),
        Source(
            id="fingertips",
            title="Fingertips public health profiles (CSV export)",
            publisher="Office for Health Improvement and Disparities",
            url=_FINGERTIPS_URL,
        ),
    )
}


@dataclass(frozen=True)
class PublisherApi:
    """Where the refresh command downloads one publisher's figures from."""

    id: str
    name: str
    base_url: str
    documentation: str
    note: str = ""


#: Child and parent area types of the Fingertips API: 502 is counties and unitary
#: authorities (April 2023 boundaries): the fingertipsR client's examples use it, and its tests
#: expect a district code (E07000033) to be refused for it. 6 is the English regions (the
#: parents, so each download also holds region and England rows).
FINGERTIPS_CHILD_AREA_TYPE = 502
FINGERTIPS_PARENT_AREA_TYPE = 6
PUBLISHER_APIS: dict[str, PublisherApi] = {
    api.id: api
    for api in (
        PublisherApi(
            id="fingertips",
            name="OHID Fingertips API",
            base_url="https://fingertips.phe.org.uk/api",
            documentation="https://fingertips.phe.org.uk/api",
        ),
        PublisherApi(
            id="dfe",
            name="DfE explore-education-statistics API",
            base_url="https://api.education.gov.uk/statistics/v1",
            documentation="https://api.education.gov.uk/statistics/docs/",
        ),
        PublisherApi(
            id="phs",
            name="Public Health Scotland open data (CKAN)",
            base_url="https://www.opendata.nhs.scot/api/3/action",
            documentation="https://www.opendata.nhs.scot/api/1/util/snippet/api_info.html",
        ),
    )
}


def comparability(first: Indicator, second: Indicator) -> str:
    """``comparable``, ``same_concept`` or ``not_comparable`` (see :data:`COMPARABILITY_LABELS`)."""
    if first.id == second.id:
        return "comparable"
    if first.comparability_group == second.comparability_group:
        return "same_concept"
    return "not_comparable"


def breakdown_label(breakdown: str) -> str:
    """Reader-facing name of a breakdown code."""
    return BREAKDOWN_LABELS.get(breakdown, breakdown.replace("_", " ").capitalize())

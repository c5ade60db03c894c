"""Round pages: rules and dates, the rubric editor, opening; an open round's rules are fixed."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.extensions import db
from app.forms import format_thai_datetime_input
from app.models import Pool, Role, Round, RoundChange
from app.services.rules import tie_break_tokens
from judging import AggregationMethod, RoundState
from tests.integration import contest_factories as cf
from tests.integration.test_contests_setup_pages import sign_in, world

DATES = ("submissions_open_at", "submissions_close_at", "judging_open_at", "judging_close_at", "announce_at")
CLOSING = {"submissions_close_at", "judging_close_at"}


def rules_data(round_: Round, **overrides: object) -> dict[str, object]:
    """The rules form as a person would post it unchanged (booleans only when ticked)."""
    tokens = [*tie_break_tokens(round_), "", "", ""]
    data: dict[str, object] = {
        "runners_up": round_.runners_up,
        "honourable_mentions": round_.honourable_mentions,
        "advance_per_pool": round_.advance_per_pool,
        "aggregation": round_.aggregation.value,
        "trim_from": round_.trim_from,
        "min_sheets": round_.min_sheets,
        "tie_break_1": tokens[0],
        "tie_break_2": tokens[1],
        "tie_break_3": tokens[2],
        "conflict_scope": round_.conflict_scope.value,
        "reason": "",
    }
    for name in DATES if round_.is_first else DATES[2:]:
        moment = getattr(round_, name)
        data[name] = format_thai_datetime_input(moment, name in CLOSING) if moment else ""
    if round_.blind:
        data["blind"] = "y"
    if round_.show_scores:
        data["show_scores"] = "y"
    return data | overrides


def draft_challenge():
    world()
    challenge = cf.km_challenge(open_categories=())
    db.session.commit()
    return challenge


def open_challenge():
    world()
    challenge = cf.km_challenge(open_categories=("district",))
    db.session.commit()
    return challenge


def fresh(round_: Round) -> Round:
    db.session.expire_all()
    return db.session.get(Round, round_.id)


def test_the_rules_of_a_draft_round_are_saved(app, browser):
    challenge = draft_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    url = f"/contests/rounds/{round_.id}/edit"
    data = rules_data(
        round_, runners_up="2", honourable_mentions="๕", aggregation="trimmed_mean", trim_from="5"
    )
    data |= {
        "tie_break_1": "judges_ranking",
        "tie_break_2": "criterion:results",
        "tie_break_3": "",
        "blind": "y",
    }
    response = browser.post_form(url, data)
    assert response.status_code == 302 and response.location.endswith(f"#round-{round_.id}")
    round_ = fresh(round_)
    assert (round_.runners_up, round_.honourable_mentions, round_.aggregation, round_.blind) == (
        2,
        5,
        AggregationMethod.TRIMMED_MEAN,
        True,
    )
    assert round_.tie_breaks == "judges_ranking,criterion:results" and round_.changes == []


def test_a_closing_date_typed_without_a_time_is_the_end_of_that_day_in_bangkok(app, browser):
    challenge = draft_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    url = f"/contests/rounds/{round_.id}/edit"
    dates = {
        "submissions_open_at": "1/5/2565",
        "submissions_close_at": "31/05/2565",
        "judging_open_at": "01/06/2565 09:00",
        "judging_close_at": "30/06/2565",
        "announce_at": "15/07/2565 10:00",
    }
    assert browser.post_form(url, rules_data(round_, **dates)).status_code == 302
    round_ = fresh(round_)
    assert round_.submissions_close_at == datetime(2022, 5, 31, 17, 0, tzinfo=UTC)
    assert round_.submissions_open_at == datetime(2022, 4, 30, 17, 0, tzinfo=UTC)
    html = browser.get(url).get_data(as_text=True)
    assert 'value="31/05/2565 24:00"' in html and 'value="01/05/2565 00:00"' in html
    page = browser.get(f"/contests/{challenge.contest.id}").get_data(as_text=True)
    assert "31 May 2022, 24:00" in page and "1 May 2022, 00:00" in page and "1 June 2022, 09:00" in page


def test_dates_out_of_order_are_refused_beside_the_field_and_the_round_is_untouched(app, browser):
    challenge = draft_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    dates = {
        "submissions_open_at": "01/05/2565",
        "submissions_close_at": "31/05/2565",
        "judging_open_at": "15/05/2565",
        "judging_close_at": "30/06/2565",
        "announce_at": "15/07/2565",
    }
    response = browser.post_form(
        f"/contests/rounds/{round_.id}/edit", rules_data(round_, runners_up="1", **dates)
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="judging_open_at-error">Must not be earlier than “Submissions close”.' in html
    assert 'value="15/05/2565"' in html
    round_ = fresh(round_)
    assert (round_.runners_up, round_.submissions_open_at, round_.judging_open_at) == (3, None, None)


def test_a_closing_time_equal_to_the_opening_time_is_refused(app, browser):
    challenge = draft_challenge()
    round_ = challenge.district.rounds[1]  # a later level: no submission dates on its form
    sign_in(browser)
    url = f"/contests/rounds/{round_.id}/edit"
    assert "submissions_open_at" not in browser.get(url).get_data(as_text=True)
    dates = {"judging_open_at": "01/06/2565 00:00", "judging_close_at": "31/05/2565", "announce_at": ""}
    response = browser.post_form(url, rules_data(round_, **dates))
    assert 'id="judging_close_at-error">Must be later than “Judging opens”.' in response.get_data(
        as_text=True
    )


def test_a_tie_break_chosen_twice_is_refused(app, browser):
    challenge = draft_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    data = rules_data(round_, tie_break_1="median", tie_break_2="median")
    response = browser.post_form(f"/contests/rounds/{round_.id}/edit", data)
    assert "This tie-break is already in the chain." in response.get_data(as_text=True)
    assert fresh(round_).tie_breaks == "criterion:process,judges_ranking"


def test_an_open_round_is_read_only_for_an_administrator_and_posting_is_forbidden(app, browser):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser, Role.ADMIN)
    url = f"/contests/rounds/{round_.id}/edit"
    html = browser.get(url).get_data(as_text=True)
    assert "Only a national organizer may change them" in html and "Save the rules" not in html
    response = browser.post_form(url, rules_data(round_, runners_up="1", reason="งบประมาณลดลง"))
    assert response.status_code == 403
    assert fresh(round_).runners_up == 3


def test_a_province_organizer_cannot_change_an_open_round(app, browser):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser, province_id=challenge.district.rounds[0].pools[0].province_id)
    url = f"/contests/rounds/{round_.id}/edit"
    page = f"/contests/{challenge.contest.id}"
    data = rules_data(round_, runners_up="1", reason="งบประมาณลดลง")
    assert browser.post_form(url, data, page=page).status_code == 403
    assert fresh(round_).runners_up == 3


def test_changing_an_open_round_without_a_reason_changes_nothing(app, browser):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    url = f"/contests/rounds/{round_.id}/edit"
    assert "A change needs a reason" in browser.get(url).get_data(as_text=True)
    response = browser.post_form(url, rules_data(round_, runners_up="1"))
    assert response.status_code == 422
    assert "give the reason for the change" in response.get_data(as_text=True)
    round_ = fresh(round_)
    assert (round_.runners_up, round_.changes) == (3, [])


def test_a_change_with_a_reason_is_recorded_and_entrants_read_it_on_the_contest_page(app, browser, client):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    close = round_.submissions_close_at
    data = rules_data(round_, runners_up="1", aggregation="median", reason="งบประมาณรางวัลลดลง")
    assert browser.post_form(f"/contests/rounds/{round_.id}/edit", data).status_code == 302
    [change] = fresh(round_).changes
    assert change.reason == "งบประมาณรางวัลลดลง"
    assert [c["field"] for c in change.changes] == ["runners_up", "aggregation"], "unchanged dates kept"
    assert fresh(round_).submissions_close_at == close
    browser.logout()
    html = browser.get(f"/contests/{challenge.contest.id}").get_data(as_text=True)
    assert "Reason: งบประมาณรางวัลลดลง" in html
    assert "<td>Runners-up</td><td>3</td><td>1</td>" in html
    assert "<td>How the judges&#39; scores are combined</td><td>Mean</td><td>Median</td>" in html


def test_a_deadline_moved_in_an_open_round_reads_as_dates_before_and_after(app, browser):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    round_.submissions_close_at = datetime(2030, 5, 31, 17, 0, tzinfo=UTC)
    round_.judging_close_at = datetime(2030, 7, 31, 17, 0, tzinfo=UTC)
    round_.announce_at = datetime(2030, 8, 15, 3, 0, tzinfo=UTC)
    round_.judging_open_at = datetime(2030, 7, 1, 2, 0, tzinfo=UTC)
    db.session.commit()
    sign_in(browser)
    data = rules_data(round_, submissions_close_at="15/06/2573", reason="ขยายเวลารับผลงาน")
    assert browser.post_form(f"/contests/rounds/{round_.id}/edit", data).status_code == 302
    html = browser.get(f"/contests/{challenge.contest.id}").get_data(as_text=True)
    assert "<td>Submissions close</td><td>31 May 2030, 24:00</td><td>15 June 2030, 24:00</td>" in html


def test_nothing_changes_once_judging_has_started(app, browser):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    round_.state = RoundState.JUDGING
    db.session.commit()
    sign_in(browser)
    url = f"/contests/rounds/{round_.id}/edit"
    assert "Save the rules" not in browser.get(url).get_data(as_text=True)
    response = browser.post_form(url, rules_data(round_, runners_up="1", reason="เปลี่ยนใจ"))
    assert response.status_code == 422
    assert "Judging has started in this round" in response.get_data(as_text=True)
    assert fresh(round_).runners_up == 3


def rubric_data(rows: list[dict[str, str]], **extra: str) -> dict[str, str]:
    data = {"save": "Save", **extra}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"criteria-{index}-{name}"] = value
    return data


ROWS = [
    {
        "key": "content",
        "label_th": "เนื้อหา",
        "label_en": "Content",
        "max_score": "60",
        "weight": "1",
        "step": "1",
    },
    {"key": "style", "label_th": "ลีลา", "label_en": "Style", "max_score": "40", "weight": "1", "step": "0.5"},
]


def test_the_rubric_editor_shows_the_criteria_and_the_total_of_the_maxima(app, browser):
    challenge = draft_challenge()
    sign_in(browser)
    html = browser.get(f"/contests/rounds/{challenge.storytelling.rounds[0].id}/rubric").get_data(
        as_text=True
    )
    assert 'value="content"' in html and 'value="60"' in html
    assert "Total of the maxima: 100" in html


def test_a_new_rubric_replaces_the_criteria_of_a_draft_round(app, browser):
    challenge = draft_challenge()
    round_ = challenge.storytelling.rounds[1]
    round_.tie_breaks = ""
    db.session.commit()
    sign_in(browser)
    rows = [*ROWS, {"key": "๓x", "remove": "y"}]  # a ticked row is dropped without being checked
    response = browser.post_form(f"/contests/rounds/{round_.id}/rubric", rubric_data(rows))
    assert response.status_code == 302
    criteria = fresh(round_).criteria
    assert [(c.key, c.max_score, c.step) for c in criteria] == [
        ("content", Decimal(60), Decimal(1)),
        ("style", Decimal(40), Decimal("0.5")),
    ]


def test_adding_a_row_keeps_what_was_typed_and_adds_an_empty_row(app, browser):
    challenge = draft_challenge()
    round_ = challenge.storytelling.rounds[0]
    sign_in(browser)
    data = rubric_data(ROWS)
    del data["save"]
    response = browser.post_form(f"/contests/rounds/{round_.id}/rubric", data | {"add_row": "Add a row"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="ลีลา"' in html and 'name="criteria-2-key"' in html and "criteria-3-key" not in html
    assert "Total of the maxima: 100" in html
    assert [c.key for c in fresh(round_).criteria] == ["content", "creativity", "language"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"key": "content"}, "Another criterion already has this key."),
        ({"key": "Bad Key"}, "Use 1-40 lower-case letters a-z, digits and _."),
        ({"max_score": "0"}, "Must be more than 0."),
        ({"max_score": "สิบ"}, "Type a number, e.g. 20 or 2.5."),
        ({"max_score": "10.125"}, "Use at most 2 decimal places."),
        ({"max_score": "10", "step": "3"}, "The maximum score must be a whole number of steps."),
        ({"label_th": ""}, "Give the label in Thai."),
        ({"max_score": ""}, "Give the maximum score."),
    ],
)
def test_a_bad_row_is_refused_beside_its_field_and_nothing_changes(app, browser, row, message):
    challenge = draft_challenge()
    round_ = challenge.storytelling.rounds[0]
    sign_in(browser)
    rows = [ROWS[0], ROWS[1] | {"key": "extra"} | row]
    response = browser.post_form(f"/contests/rounds/{round_.id}/rubric", rubric_data(rows))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert [c.key for c in fresh(round_).criteria] == ["content", "creativity", "language"]


def test_thai_digits_and_decimals_are_read_and_weights_default_to_one(app, browser):
    challenge = draft_challenge()
    round_ = challenge.storytelling.rounds[0]
    sign_in(browser)
    rows = [ROWS[0] | {"max_score": "๗๒.๕", "weight": "", "step": "0.25"}, ROWS[1] | {"key": "language"}]
    rows[0]["key"] = "content"
    response = browser.post_form(f"/contests/rounds/{round_.id}/rubric", rubric_data(rows))
    assert response.status_code == 302
    first = fresh(round_).criteria[0]
    assert (first.max_score, first.weight, first.step) == (Decimal("72.5"), Decimal(1), Decimal("0.25"))


def test_an_empty_rubric_is_refused(app, browser):
    challenge = draft_challenge()
    round_ = challenge.storytelling.rounds[0]
    sign_in(browser)
    rows = [ROWS[0] | {"key": "content", "remove": "y"}]
    response = browser.post_form(f"/contests/rounds/{round_.id}/rubric", rubric_data(rows))
    assert "A rubric needs at least one criterion." in response.get_data(as_text=True)
    assert len(fresh(round_).criteria) == 3


def test_removing_a_criterion_the_tie_breaks_use_is_refused(app, browser):
    challenge = draft_challenge()
    round_ = challenge.storytelling.rounds[0]  # ties broken by "content" first
    sign_in(browser)
    rows = [ROWS[1]]
    response = browser.post_form(f"/contests/rounds/{round_.id}/rubric", rubric_data(rows))
    assert "The tie-breaks of this round use the criterion content" in response.get_data(as_text=True)
    assert len(fresh(round_).criteria) == 3


def test_a_rubric_amended_after_opening_needs_a_reason_and_is_recorded(app, browser):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    url = f"/contests/rounds/{round_.id}/rubric"
    rows = [
        {"key": "process", "label_th": "กระบวนการ", "max_score": "50", "weight": "1", "step": "1"},
        {"key": "results", "label_th": "ผลลัพธ์", "max_score": "50", "weight": "1", "step": "1"},
    ]
    without = browser.post_form(url, rubric_data(rows))
    assert without.status_code == 422 and "give the reason for the change" in without.get_data(as_text=True)
    assert len(fresh(round_).criteria) == 3
    assert browser.post_form(url, rubric_data(rows, reason="รวมเกณฑ์ให้กระชับ")).status_code == 302
    round_ = fresh(round_)
    [change] = round_.changes
    assert change.reason == "รวมเกณฑ์ให้กระชับ" and change.changes[0]["field"] == "rubric"
    assert [row["key"] for row in change.changes[0]["old"]] == ["process", "tools", "results"]
    assert change.changes[0]["new"][0] | {} == {
        "key": "process",
        "label_th": "กระบวนการ",
        "label_en": "",
        "max_score": "50",
        "weight": "1",
        "step": "1",
        "description": "",
    }
    assert [c.key for c in round_.criteria] == ["process", "results"]
    html = browser.get(f"/contests/{challenge.contest.id}").get_data(as_text=True)
    assert "กระบวนการ (max 50); ผลลัพธ์ (max 50)" in html


def test_opening_a_round_with_missing_parts_is_refused_listing_them(app, browser):
    challenge = draft_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    page = f"/contests/{challenge.contest.id}"
    response = browser.post_form(f"/contests/rounds/{round_.id}/open", {}, page=page)
    assert response.status_code == 302
    html = browser.get(response.location).get_data(as_text=True)
    assert (
        "This round cannot open yet. Still missing: the dates submissions open and close, "
        "the dates judging opens and closes, the announcement date." in html
    )
    assert fresh(round_).state is RoundState.DRAFT


def test_opening_a_ready_round_creates_its_pools(app, browser):
    challenge = draft_challenge()
    round_ = challenge.district.rounds[0]
    cf.set_dates(round_)
    db.session.commit()
    sign_in(browser)
    page = f"/contests/{challenge.contest.id}"
    response = browser.post_form(f"/contests/rounds/{round_.id}/open", {}, page=page)
    assert "The round is open: 2 pools were created." in browser.get(response.location).get_data(as_text=True)
    round_ = fresh(round_)
    assert round_.state is RoundState.OPEN
    assert sorted(p.key for p in db.session.query(Pool).filter_by(round_id=round_.id)) == [
        "province:32",
        "province:33",
    ]


def test_opening_a_round_that_is_already_open_is_refused_with_a_message(app, browser):
    challenge = open_challenge()
    round_ = challenge.district.rounds[0]
    sign_in(browser)
    page = f"/contests/{challenge.contest.id}"
    response = browser.post_form(f"/contests/rounds/{round_.id}/open", {}, page=page)
    assert response.status_code == 302
    assert "it cannot be opened again" in browser.get(response.location).get_data(as_text=True)
    assert db.session.query(RoundChange).count() == 0

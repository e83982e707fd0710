"""Browser tests read a page only once it is there. `click()` returns when a
navigation it starts has begun, not when the new page has been parsed, and
`count()`, `all()`, `all_inner_texts()` and `all_text_contents()` do not
wait: right after a click they read the old page or an empty one, and pass
or fail by the machine's load (the economy journey counted 0 suggested
premises on a busy machine). Between the two there must be a wait
(`wait_for_url`, `wait_for`, `wait_for_load_state`, `expect(...)`)."""

import ast
from pathlib import Path

ACTIONS = {"click", "dblclick", "press", "check", "select_option", "submit"}
READS_WITHOUT_WAITING = {"count", "all", "all_inner_texts", "all_text_contents"}
WAITS = {
    "expect",
    "goto",
    "wait_for",
    "wait_for_event",
    "wait_for_load_state",
    "wait_for_selector",
    "wait_for_url",
}


def _calls(node) -> set[str]:
    """Names of the calls in a statement: methods, and `expect(...)`."""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            if isinstance(call.func, ast.Attribute):
                names.add(call.func.attr)
            elif isinstance(call.func, ast.Name) and call.func.id == "expect":
                names.add("expect")
    return names


def unwaited_reads(source: str) -> list[int]:
    """Lines of reads that do not wait, after an action and before anything
    that waits, in the same block."""
    found = []
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        after_action = False
        for statement in body:
            calls = _calls(statement)
            if after_action and calls & WAITS:
                after_action = False
            if after_action and calls & READS_WITHOUT_WAITING:
                found.append(statement.lineno)
            if isinstance(statement, ast.Expr) and calls & ACTIONS:
                after_action = True
    return found


def test_the_check_finds_a_count_right_after_a_click():
    assert unwaited_reads(
        "def test(page):\n"
        "    page.get_by_role('link').click()\n"
        "    inputs = page.locator('input')\n"
        "    assert inputs.count() == 2\n"
    ) == [4]
    assert not unwaited_reads(
        "def test(page):\n"
        "    page.get_by_role('link').click()\n"
        "    page.wait_for_url('**/edit/')\n"
        "    assert page.locator('input').count() == 2\n"
    )


def test_no_browser_test_reads_without_waiting_after_an_action():
    here = Path(__file__).parent
    offenders = {
        path.name: lines
        for path in sorted(here.glob("test_*.py"))
        if (lines := unwaited_reads(path.read_text()))
    }
    assert offenders == {}, offenders

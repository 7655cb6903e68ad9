"""The house rules, read from the imports: ``search/`` and ``core/`` import no app of the project, and the apps
import each other without cycles (tests and migrations left out). ``python -m tests.site.test_app_graph``
prints the graph."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "core",
    "search",
    "catalogue",
    "home",
    "knowledge",
    "editorial",
    "submissions",
    "api",
    "syndication",
    "widgets",
    "steering",
)
PROJECT = "kreissite"  # the site/ folder: settings and root URLs, above every app
LIBRARIES = {"core": set(), "search": {"core"}}  # ground floor: what each may import of the project


def app_imports(app):
    """{imported app: [files of ``app`` that import it]}, from every module outside tests and migrations."""
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != app and (top in APPS or top == PROJECT):
                    found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


def graph():
    return {app: app_imports(app) for app in APPS}


def cycles(edges):
    """Every cycle of the graph as a list of apps (each found once, from its first app in APPS order)."""
    found = []

    def walk(path):
        for nxt in sorted(edges.get(path[-1], ())):
            if nxt == path[0]:
                found.append(path + [nxt])
            elif nxt not in path and APPS.index(nxt) > APPS.index(path[0]):
                walk(path + [nxt])

    for app in APPS:
        walk([app])
    return found


def test_the_libraries_import_no_app():
    imports = graph()
    offending = {
        lib: {app: files for app, files in imports[lib].items() if app not in allowed}
        for lib, allowed in LIBRARIES.items()
    }
    offending = {lib: found for lib, found in offending.items() if found}
    assert not offending, f"search/ and core/ must import no app of the project: {offending}"


def test_apps_import_each_other_without_cycles():
    imports = graph()
    edges = {app: {other for other in imported if other in APPS} for app, imported in imports.items()}
    found = cycles(edges)
    assert not found, "import cycles between apps: " + "; ".join(" -> ".join(cycle) for cycle in found)


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"catalogue": {"home"}, "home": {"knowledge"}, "knowledge": {"catalogue"}}) == [
        ["catalogue", "home", "knowledge", "catalogue"]
    ]
    assert cycles({"catalogue": {"search"}, "home": {"catalogue"}}) == []


if __name__ == "__main__":
    for app, imported in graph().items():
        print(f"{app:12} -> {', '.join(sorted(imported)) or '-'}")

"""Search benchmark: generated offers, both engines, latency of a mixed query set. Prints figures only.

    .venv/bin/python benchmarks/search_benchmark.py [--offers 10000] [--queries 300] [--engines database,elasticsearch]

Runs on a scratch database (a SQLite file under .tmp/, or ``DATABASE_URL`` if set: point it at an empty
PostgreSQL database) and, for Elasticsearch, on a real OpenSearch node started by ``scripts/opensearch`` on a
free loopback port (or the node at ``ELASTICSEARCH_URL``).
Offers are generated as search documents through ``catalogue.indexing.build_document``, the same function
that indexes real offer pages, so indexing and querying do the real work; page creation itself is not measured.
Measured in-process through ``SearchService.search`` (the path the catalogue and the API take).
"""

import argparse
import importlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The seeded taxonomy (the migration's lists): cities and target groups as (slug, name).
_SEED = importlib.import_module("catalogue.migrations.0002_seed_taxonomy")
CITIES, GROUPS = _SEED.CITIES, _SEED.TARGET_GROUPS
FORMS = [
    "Workshop",
    "Projekttag",
    "Fortbildung",
    "Beratungsstelle",
    "Fachtag",
    "Training",
    "Planspiel",
    "Qualifizierung",
    "Sprechstunde",
    "Ausstellung",
    "Seminar",
    "Netzwerktreffen",
]
TOPICS = [
    "Zivilcourage",
    "Rassismuskritik",
    "Demokratiebildung",
    "Antisemitismus",
    "Hate Speech",
    "Diskriminierung",
    "Rechtsextremismus",
    "Vielfalt",
    "Erinnerungskultur",
    "Medienkompetenz",
    "Rassismusprävention",
    "Fair Play im Sport",
    "Elternarbeit",
    "Radikalisierung",
    "Empowerment",
]
# Text words drawn with Zipf-like weights (a few common, many rare), as in real offer descriptions.
WORDS = (
    "Schülerinnen Schüler Lehrkräfte Jugendliche Eltern Verein Training Gruppe Klasse Alltag Gespräch "
    "Rollenspiel Methoden Beispiele Austausch Beratung Unterstützung Begleitung Vorurteile Sprache Netz "
    "Kommune Verwaltung Fachkräfte Ehrenamt Geflüchtete Familien Stadtteil Schule Jugendzentrum Sportplatz "
    "Kabine Trainer Schiedsrichter Musik Symbole Codes Parolen Argumente Grundrechte Mitbestimmung "
    "Ausgrenzung Zugehörigkeit Identität Herkunft Religion Kopftuch Moschee Synagoge Kirche Gedenkstätte "
    "Stolpersteine Zeitzeugen Geschichte Nationalsozialismus Verschwörungserzählungen Desinformation "
    "Kommentare Plattformen Videos Podcast Graffiti Theater Film Lesung Ausstellung Führung Rundgang "
    "Stadtrat Bürgermeisterin Polizei Jugendamt Jobcenter Ausländerbehörde Wohnungssuche Arbeitsplatz "
    "Ausbildung Betrieb Azubis Kita Grundschule Gesamtschule Gymnasium Realschule Berufskolleg Hochschule "
    "Mädchen Jungen Senioren Nachbarschaft Moscheegemeinde Migrantenorganisation Integrationsrat "
    "Dolmetschung Gebärdensprache Barrierefreiheit Inklusion Behinderung Gewalt Bedrohung Beleidigung "
    "Anzeige Prozess Opfer Zeugen Schutz Sicherheit Vertrauen Selbstbewusstsein Empowerment Solidarität "
    "Haltung Verantwortung Mut Courage Handlungsstrategien Deeskalation Konflikte Mediation Streitschlichtung "
    "Leitbild Satzung Vorstand Mitglieder Übungsleitung Lizenz Zertifikat Modul Abendkurs Wochenende "
    "Ferien Projektwoche Fahrt Begegnung Fest Turnier Lauf Aktionstag Kampagne Plakat Broschüre Handreichung "
    "Material Methodenkoffer Planspiel Quiz Debatte Diskussion Vortrag Fachtag Konferenz Netzwerk"
).split()
WORD_WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
PROVIDERS = [
    "Kommunales Integrationszentrum Kreis Mettmann",
    "KreisSportBund Mettmann",
    "Jugendmigrationsdienst",
    "Volkshochschule",
    "Mobile Beratung gegen Rechtsextremismus",
    "Caritasverband",
    "Diakonie",
    "Stadtjugendring",
    "Familienzentrum",
    "Integrationsagentur",
]
QUERIES = [
    "Workshop Zivilcourage",
    "Beratung",
    "Fortbildung Rassismuskritik",
    "Schueler",
    "Demokratie",
    "Antisemitismus Schule",
    "Hate Speech",
    "Sport Verein",
    "Eltern",
    "Planspiel Kommunalpolitik",
    "Diskriminierung Beratung",
    "Prävention",
    "Workshops Zivilcourage Klasse 8",
    "Geflüchtete Familien",
]


def generate(count, seed=42):
    from catalogue.indexing import build_document

    rng = random.Random(seed)
    all_cities = [slug for slug, _ in CITIES]
    for n in range(1, count + 1):
        form, topic = rng.choice(FORMS), rng.choice(TOPICS)
        cities = rng.sample(CITIES, 1 if rng.random() < 0.85 else 2)
        yield build_document(
            id=n,
            external_id=f"bench-{n}",
            title=f"{form} {topic} {cities[0][1]}",
            summary=" ".join(rng.choices(WORDS, WORD_WEIGHTS, k=14)),
            description=" ".join(rng.choices(WORDS, WORD_WEIGHTS, k=60)),
            kind=rng.choice(["measure", "contact_point", "qualification"]),
            format=rng.choice(["in_person", "online", "hybrid"]),
            is_free=rng.random() < 0.7,
            cities=cities,
            target_groups=rng.sample(GROUPS, rng.randint(1, 3)),
            languages=["de"] + rng.sample(["en", "tr", "ar", "uk", "ru", "pl"], rng.randint(0, 2)),
            tags=rng.sample(TOPICS, 2),
            provider=rng.choice(PROVIDERS),
            town=cities[0][1],
            url=f"/angebote/bench-{n}/",
            published=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00+01:00",
            all_city_slugs=all_cities,
        )


def query_mix(rng, count):
    """Text, text with four facets, facets only, and paging: what the catalogue and widgets ask."""
    mix = []
    for n in range(count):
        text = rng.choice(QUERIES)
        city = rng.choice(CITIES[:10])[0]
        group = rng.choice(GROUPS)[0]
        shape = n % 4
        if shape == 0:
            params = {"q": [text]}
        elif shape == 1:
            params = {
                "q": [text],
                "city": [city],
                "target_group": [group],
                "kind": ["measure", "qualification"],
                "format": ["in_person"],
            }
        elif shape == 2:
            params = {"city": [city], "target_group": [group]}
        else:
            params = {"q": [text], "city": [city], "page": ["2"]}
        mix.append((shape, params))
    return mix


def unrepeated_mix(rng, count):
    """Like ``query_mix``, but every text is new: one or two words of the offers' vocabulary, none repeated,
    so nothing a previous query left behind (such as a broad word's tiers) is reused unless the word recurs."""
    texts = list(WORDS) + [f"{a} {b}" for a, b in zip(rng.sample(WORDS, len(WORDS)), WORDS, strict=True)]
    rng.shuffle(texts)
    fresh = iter(texts * (count // len(texts) + 1))
    return [
        (shape, {**params, "q": [next(fresh)]} if "q" in params else params) for shape, params in query_mix(rng, count)
    ]


def measure(service, mix):
    from search.query import SearchQuery

    timings = {shape: [] for shape in range(4)}
    for shape, params in mix:
        query = SearchQuery.from_params(params)
        start = time.perf_counter()
        service.search(query, record=False)
        timings[shape].append((time.perf_counter() - start) * 1000)
    return timings


def report(name, timings):
    labels = {0: "text", 1: "text + 4 facets", 2: "facets only", 3: "text + city, page 2"}
    every = [t for values in timings.values() for t in values]
    print(f"  {name}: all queries p50 {pct(every, 50):.1f} ms, p95 {pct(every, 95):.1f} ms, max {max(every):.1f} ms")
    for shape, values in timings.items():
        print(
            f"    {labels[shape]:<22} p50 {pct(values, 50):6.1f} ms   p95 {pct(values, 95):6.1f} ms   n={len(values)}"
        )


def pct(values, p):
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--engines", default="database,elasticsearch")
    parser.add_argument("--cold", action="store_true", help="skip the workers' warm-up (search.service.warm_up)")
    args = parser.parse_args()

    from benchmarks.scratch import setup_django

    setup_django("benchmark")
    from django.core.management import call_command
    from django.db import connection

    from search.engines.database import DatabaseEngine
    from search.service import SearchService, make_engine, warm_up

    call_command("migrate", verbosity=0)
    print(
        f"Search benchmark: {args.offers} offers, {args.queries} queries per engine, "
        f"database {connection.vendor}, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    start = time.perf_counter()
    docs = list(generate(args.offers))
    print(f"  documents built (German analysis): {time.perf_counter() - start:.1f} s")

    database = DatabaseEngine()
    start = time.perf_counter()
    database.rebuild(docs)
    print(f"  database engine indexing: {time.perf_counter() - start:.1f} s")
    mix = query_mix(random.Random(7), args.queries)

    if "database" in args.engines:
        service = SearchService(database, database)
        if args.cold:
            print("  no warm-up: each broad word pays its tiers when first asked")
        else:
            start = time.perf_counter()
            warm_up()  # as each gunicorn worker does before its first request
            took = time.perf_counter() - start
            print(f"  warm-up as a gunicorn worker does (word data, bitmaps, broad words): {took:.1f} s")
        measure(service, mix[:50])  # warm caches
        report(f"database ({connection.vendor})", measure(service, mix))
        report("database, texts never asked before", measure(service, unrepeated_mix(random.Random(11), args.queries)))
        autocomplete(service, args.queries)
        after_a_write(database, service, docs)

    if "elasticsearch" in args.engines:
        node = None
        from django.conf import settings

        if not os.environ.get("ELASTICSEARCH_URL"):
            node = start_node()
            settings.ELASTICSEARCH_URL = node.url
        settings.ELASTICSEARCH_INDEX = "benchmark"
        try:
            engine = make_engine("elasticsearch")
            version = engine.client.info()["version"]
            print(
                f"  elasticsearch engine on {version.get('distribution', 'elasticsearch')} {version['number']} "
                f"at {settings.ELASTICSEARCH_URL}"
            )
            start = time.perf_counter()
            engine.rebuild(docs)
            print(f"  elasticsearch indexing: {time.perf_counter() - start:.1f} s")
            service = SearchService(engine, database)
            measure(service, mix[:50])
            report("elasticsearch", measure(service, mix))
            report(
                "elasticsearch, texts never asked before",
                measure(service, unrepeated_mix(random.Random(11), args.queries)),
            )
            autocomplete(service, args.queries)
        finally:
            if node:
                node.close()


def after_a_write(engine, service, docs):
    """The first query after a write (one offer changed or removed, as an editor does): the facet bitmaps are
    brought up to date, then the query runs; against the same query once more."""
    from search.query import SearchQuery

    rng = random.Random(13)
    updates, firsts, agains = [], {}, {}
    for n, text in enumerate(QUERIES):
        doc = rng.choice(docs)
        if n % 3 == 2:
            engine.remove([doc["id"]])
        else:
            city = rng.choice(CITIES[:10])[0]
            date = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00+01:00"
            engine.index([{**doc, "facets": {**doc["facets"], "city": [city]}, "data": {**doc["data"], "date": date}}])
        start = time.perf_counter()
        engine.bitmaps()
        updates.append((time.perf_counter() - start) * 1000)
        query = SearchQuery.from_params({"q": [text]})
        start = time.perf_counter()
        service.search(query, record=False)
        firsts[text] = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        service.search(query, record=False)
        agains[text] = (time.perf_counter() - start) * 1000
    slowest = sorted(firsts.items(), key=lambda item: -item[1])[:4]
    print(
        f"  after a write: bitmap update p50 {pct(updates, 50):.1f} ms, max {max(updates):.1f} ms; first query "
        f"per text p50 {pct(list(firsts.values()), 50):.1f} ms (same query again "
        f"{pct(list(agains.values()), 50):.1f} ms), slowest " + ", ".join(f"{t} {ms:.1f} ms" for t, ms in slowest)
    )


def autocomplete(service, count):
    """What the API's /suggest/ does per keystroke: titles completing the prefix, and completed search terms."""
    rng = random.Random(17)
    words = [w for text in QUERIES for w in text.split() if len(w) > 3] + WORDS
    prefixes = [(w := rng.choice(words))[: rng.randint(2, min(8, len(w)))] for _ in range(count)]
    service.suggest(prefixes[0]), service.complete_terms(prefixes[0])  # the vocabulary, once per index version
    titles, terms = [], []
    for prefix in prefixes:
        start = time.perf_counter()
        service.suggest(prefix)
        middle = time.perf_counter()
        service.complete_terms(prefix)
        titles.append((middle - start) * 1000)
        terms.append((time.perf_counter() - middle) * 1000)
    both = [a + b for a, b in zip(titles, terms, strict=True)]
    for label, values in (("titles (suggest)", titles), ("search terms", terms), ("both (/suggest/)", both)):
        print(
            f"  autocomplete {label:<17} p50 {pct(values, 50):6.1f} ms   p95 {pct(values, 95):6.1f} ms   "
            f"max {max(values):6.1f} ms   n={len(values)}"
        )


def start_node():
    """A real OpenSearch node (scripts/opensearch) on a free loopback port, stopped with ``close()``."""
    from tests.search_node import OwnNode

    start = time.perf_counter()
    node = OwnNode().start()
    print(f"  OpenSearch node started in {time.perf_counter() - start:.1f} s")
    return node


if __name__ == "__main__":
    main()

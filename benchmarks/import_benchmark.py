"""Import benchmark: generated offers imported and published through the real path. Prints figures only.

    .venv/bin/python benchmarks/import_benchmark.py [--rows 2000] [--profile import.prof]

Writes N generated rows to CSV files (at most 5,000 rows each, the import's limit per file) and imports them into
an empty scratch database (a SQLite file under .tmp/, or ``DATABASE_URL`` if set: point it at an empty
PostgreSQL database) in two halves, each file through
``read_table`` and ``import_rows(..., publish=True)`` as ``manage.py import_offers --publish`` does: the
second half goes into a catalogue that already holds the first, so rows/s of the two halves show whether
the import stays linear. Each half is split into validation and saving, and what runs after the last row
is saved (the commit and the search index), in wall time and in CPU time of the benchmark's own process (with
SQLite the database's work too; steadier than wall time on a loaded machine). Then ``rebuild_search_index``
from those pages. ``--profile`` writes a cProfile of the second half's first file to a file (read it with
``python -m pstats``) and prints its top functions.
"""

import argparse
import cProfile
import csv
import io
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search_benchmark import CITIES, FORMS, GROUPS, PROVIDERS, TOPICS, WORD_WEIGHTS, WORDS  # noqa: E402


def generate_rows(count, seed=42):
    """Import rows (all columns) with the offers' vocabulary of the search benchmark."""
    from catalogue.importing import COLUMNS, OPTIONAL_COLUMNS

    rng = random.Random(seed)
    for n in range(1, count + 1):
        form, topic = rng.choice(FORMS), rng.choice(TOPICS)
        cities = rng.sample(CITIES, 1 if rng.random() < 0.85 else 2)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        row = dict.fromkeys(COLUMNS + OPTIONAL_COLUMNS, "")
        row.update(
            external_id=f"bench-{n}",
            kind=rng.choice(["measure", "contact_point", "qualification"]),
            title=f"{form} {topic} {cities[0][1]}",
            summary=" ".join(rng.choices(WORDS, WORD_WEIGHTS, k=14)),
            description=" ".join(rng.choices(WORDS, WORD_WEIGHTS, k=30))
            + "\n\n"
            + " ".join(rng.choices(WORDS, WORD_WEIGHTS, k=30)),
            target_groups="|".join(slug for slug, _ in rng.sample(GROUPS, rng.randint(1, 3))),
            cities="|".join(slug for slug, _ in cities),
            tags="|".join(rng.sample(TOPICS, 2)),
            provider=rng.choice(PROVIDERS),
            cost="kostenlos",
            languages="|".join(["de"] + rng.sample(["en", "tr", "ar", "uk", "ru", "pl"], rng.randint(0, 2))),
            contact_name="Team Prävention",
            email=f"kontakt{n}@example.org",
            phone="02104 99 00",
            website=f"https://www.example.org/angebot/{n}",
            street="Düsseldorfer Straße 26",
            postcode="40822",
            town=cities[0][1],
            dates=f"2026-{month:02d}-{day:02d}T09:00/2026-{month:02d}-{day:02d}T16:00",
            format=rng.choice(["in_person", "online", "hybrid"]),
            free=rng.choice(["ja", "nein"]),
            age_min="12",
            age_max="18",
            barrier_free=rng.choice(["ja", "nein", ""]),
        )
        yield row


def write_csv(path, rows):
    from catalogue.importing import COLUMNS, OPTIONAL_COLUMNS

    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS + OPTIONAL_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def import_file(path, profile=None):
    """Import one file as ``import_offers --publish`` does; returns (rows, seconds per phase)."""
    from catalogue import importing

    marks = {}
    saved = []

    def progress(n):
        saved.append((time.perf_counter(), time.process_time()))

    start, cpu = time.perf_counter(), time.process_time()
    rows = importing.read_table(path)
    if profile:
        profile.enable()
    # The commit (and the work queued for after it) ends when import_rows returns; the last progress call
    # marks the end of saving.
    report = importing.import_rows(rows, publish=True, progress=progress)
    end = time.perf_counter()
    if profile:
        profile.disable()
    if not report.ok or len(report.created) != len(rows):
        raise SystemExit(f"import did not create every row: {report.errors[:5]}")
    cpu_end = time.process_time()
    marks["validate and save"] = saved[-1][0] - start  # the new offers count as saved once their batch is written
    marks["after commit"] = end - saved[-1][0]
    marks["total"] = end - start
    marks["CPU: validate and save"] = saved[-1][1] - cpu
    marks["CPU: after commit"] = cpu_end - saved[-1][1]
    return len(rows), marks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--profile", help="write a cProfile of the second half's first file to this file")
    args = parser.parse_args()

    from benchmarks.scratch import setup_django

    setup_django("import_benchmark")
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False  # dev settings: no query log kept in memory for thousands of queries
    call_command("migrate", verbosity=0)
    print(
        f"Import benchmark: {args.rows} rows with --publish, database {connection.vendor}, "
        f"search {settings.SEARCH_BACKEND}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
        + " ".join(f"{x:.1f}" for x in os.getloadavg())
    )

    # A generated row is ~1.1 kB (60 words of description), so a file of 5,000 rows (the most one file may
    # hold) is above the 5 MB upload limit; the benchmark lifts that limit for its own files.
    from catalogue import importing, tables

    importing.MAX_FILE_BYTES = tables.MAX_FILE_BYTES = 64 * 1024 * 1024
    rows = list(generate_rows(args.rows))
    workdir = tempfile.mkdtemp(prefix="import_benchmark_")
    half = len(rows) // 2
    results = []
    for n, part in enumerate((rows[:half], rows[half:])):
        # Files of at most tables.MAX_ROWS rows, as an editor has to split a larger table.
        count, marks = 0, {}
        for start in range(0, len(part), tables.MAX_ROWS):
            path = Path(workdir) / f"import_benchmark_{n + 1}_{start}.csv"
            write_csv(path, part[start : start + tables.MAX_ROWS])
            profile = cProfile.Profile() if args.profile and n == 1 and start == 0 else None
            file_count, file_marks = import_file(path, profile)
            count += file_count
            for name, seconds in file_marks.items():
                marks[name] = marks.get(name, 0) + seconds
        results.append((count, marks))
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in marks.items())
        print(f"  half {n + 1} ({count} rows into {half * n} offers): {count / marks['total']:.1f} rows/s ({phases})")
        if profile:
            profile.dump_stats(args.profile)
            print(f"  profile of half {n + 1} written to {args.profile}; top functions by cumulative time:")
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(25)

    total = sum(marks["total"] for _count, marks in results)
    ratio = results[1][1]["total"] / results[1][0] / (results[0][1]["total"] / results[0][0])
    print(
        f"  total: {len(rows)} rows in {total:.1f} s = {len(rows) / total:.1f} rows/s; "
        f"second half costs {ratio:.2f}x the first per row"
    )

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"  peak memory of the process after the import: {peak:.0f} MB")

    start = time.perf_counter()
    call_command("rebuild_search_index", "--no-progress", stdout=io.StringIO())
    print(f"  rebuild_search_index from {len(rows)} pages: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

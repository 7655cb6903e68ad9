"""Answer a data subject's request by e-mail address: what is stored (Art. 15), and erase it (Art. 17)."""

from django.core.management.base import BaseCommand

from submissions.privacy import erase_person, personal_data


class Command(BaseCommand):
    help = (
        "List everything stored about the person with this e-mail address; with --erase, delete their "
        "suggestion-form submissions (editor accounts and public offer contacts are listed for manual change)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--erase", action="store_true", help="delete the person's submissions")

    def handle(self, *args, email, erase, **options):
        lines = personal_data(email)
        for line in lines or [f"Zu {email} ist nichts gespeichert."]:
            self.stdout.write(line)
        if erase:
            self.stdout.write(f"{erase_person(email)} Vorschläge gelöscht.")

"""English locale formats with the German input formats first: the admin's date pickers show German dates
(WAGTAIL_DATETIME_FORMAT) to every editor, so an editor using the English admin must be able to send them."""

from django.conf.locale.en import formats as english

DATE_INPUT_FORMATS = ["%d.%m.%Y", *english.DATE_INPUT_FORMATS]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", *english.DATETIME_INPUT_FORMATS]

# British-style display for the English interface ("14 May 2026", "14 May 2026, 14:00"), as a German site's
# English readers expect them; Django's default English formats are American ("May 14, 2026").
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1

"""English locale formats with the German input formats first: the admin's date pickers show German dates
(WAGTAIL_DATETIME_FORMAT) to every editor, so an editor using the English admin must be able to send them."""

from django.conf.locale.en import formats as english

DATE_INPUT_FORMATS = ["%d.%m.%Y", *english.DATE_INPUT_FORMATS]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", *english.DATETIME_INPUT_FORMATS]

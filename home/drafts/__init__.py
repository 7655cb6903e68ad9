"""German drafts of the legal and trust pages, created by migration ``0003_info_pages``.

Text in [eckigen Klammern] is what the operator must still complete; editors change the pages in the admin.
The privacy notice describes what this code really processes (see docs/data_protection.md).
"""

IMPRESSUM = """
<p><b>[Bitte vervollständigen: Angaben nach § 5 DDG und § 18 MStV.]</b></p>
<h2>Anbieter</h2>
<p>Kreis Mettmann<br/>Der Landrat<br/>Kommunales Integrationszentrum<br/>Düsseldorfer Straße 26<br/>40822 Mettmann</p>
<p>Der Kreis Mettmann ist eine Körperschaft des öffentlichen Rechts. Er wird vertreten durch [Name der Landrätin
oder des Landrats].</p>
<h2>Kontakt</h2>
<p>Telefon: [Telefonnummer]<br/>E-Mail: [E-Mail-Adresse der Fachstelle]</p>
<h2>Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV</h2>
<p>[Name, Funktion und Anschrift der verantwortlichen Person]</p>
<h2>Umsatzsteuer-Identifikationsnummer</h2>
<p>[Nummer nach § 27a UStG, falls vorhanden; sonst diesen Abschnitt löschen]</p>
<h2>Haftung für Inhalte und Links</h2>
<p>Die Angebote im Katalog stammen von ihren Trägern und werden von der Fachstelle vor der Veröffentlichung geprüft
und jährlich aktualisiert. Für die Inhalte verlinkter Websites sind deren Betreiber verantwortlich.</p>
<h2>Software</h2>
<p>Diese Website beruht auf freier Software (Wagtail, Django) und dem Designsystem KERN UX (EUPL-1.2).</p>
"""

DATENSCHUTZ = """
<p><b>[Bitte prüfen lassen: Dieser Entwurf beschreibt, was die Software verarbeitet. Die oder der
Datenschutzbeauftragte des Kreises muss ihn prüfen und ergänzen.]</b></p>
<h2>Verantwortliche Stelle</h2>
<p>Kreis Mettmann, Der Landrat, Düsseldorfer Straße 26, 40822 Mettmann, [E-Mail-Adresse].</p>
<h2>Datenschutzbeauftragte Person</h2>
<p>[Name und Kontakt der oder des behördlichen Datenschutzbeauftragten]</p>
<h2>Besuch der Website (Server-Protokolle)</h2>
<p>Beim Aufruf einer Seite verarbeitet der Webserver technisch notwendige Daten: IP-Adresse, Zeitpunkt,
aufgerufene Adresse, übertragene Datenmenge, Browserkennung. Sie dienen dem sicheren Betrieb (Art. 6 Abs. 1
lit. e DSGVO) und werden nach [7] Tagen gelöscht. Zum Schutz vor Überlastung zählt die Website Suchanfragen
und Formularsendungen je IP-Adresse kurzzeitig im Arbeitsspeicher (höchstens eine Stunde).</p>
<h2>Suche</h2>
<p>Suchanfragen mit keinem oder sehr wenigen Ergebnissen werden ohne Personenbezug gespeichert: Suchbegriff,
gewählte Filter, Zahl der Treffer und Tag. Es wird weder die IP-Adresse noch eine Kennung gespeichert. Die
Fachstelle nutzt diese Liste, um fehlende Angebote zu erkennen.</p>
<h2>Formular „Angebot vorschlagen“</h2>
<p>Wenn Sie ein Angebot vorschlagen, speichern wir die Angaben zum Angebot sowie Ihren Namen und Ihre E-Mail-Adresse,
um bei Rückfragen Kontakt aufzunehmen. Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO), die Sie
jederzeit mit Wirkung für die Zukunft widerrufen können ([E-Mail-Adresse]). Name und E-Mail-Adresse sind nur der
Fachstelle in der Verwaltung zugänglich, werden nicht veröffentlicht und nach der Entscheidung über den Vorschlag,
spätestens nach [sechs Monaten], gelöscht.</p>
<h2>Cookies</h2>
<p>Öffentliche Seiten setzen nur dann ein Cookie, wenn Sie die Sprache umstellen („django_language“, speichert
„de“ oder „en“). Beim Absenden eines Formulars und in der Redaktionsoberfläche werden technisch notwendige Cookies
gesetzt: „csrftoken“ (Schutz vor untergeschobenen Formularsendungen, ein Jahr) und „sessionid“ (Anmeldung der
Redaktion, bis zum Abmelden, höchstens zwei Wochen). Eine Einwilligung ist dafür nicht nötig (§ 25 Abs. 2 TDDDG).</p>
<h2>Keine Analyse, keine Dritten</h2>
<p>Diese Website verwendet kein Tracking, keine Analysewerkzeuge, keine Werbung und lädt keine Inhalte (Schriften,
Skripte, Karten, Videos) von anderen Servern. Auch die Schrift Fira Sans wird von dieser Website selbst geladen.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Widerspruch und
Datenübertragbarkeit (Art. 15–21 DSGVO) sowie das Recht, sich bei der Aufsichtsbehörde zu beschweren: Landesbeauftragte
für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, Kavalleriestraße 2–4, 40213 Düsseldorf,
www.ldi.nrw.de.</p>
<p>Stand: [Datum]</p>
"""

BARRIEREFREIHEIT = """
<p><b>[Bitte vervollständigen und nach jeder Prüfung aktualisieren.]</b></p>
<p>Der Kreis Mettmann ist bemüht, seine Website im Einklang mit dem Behindertengleichstellungsgesetz
Nordrhein-Westfalen (BGG NRW) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0, § 12b) barrierefrei
zugänglich zu machen. Diese Erklärung gilt für den Präventionskatalog unter [Adresse der Website].</p>
<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>
<p>Diese Website ist mit den Anforderungen der BITV 2.0 (WCAG 2.1 Stufe AA) <b>teilweise vereinbar</b>. Grundlage ist
eine Selbstbewertung vom [Datum] mit automatischen Prüfungen (axe) und Prüfungen mit Tastatur, Bildschirmlupe und
schmalen Bildschirmen (320 Pixel). [Ergebnis eines BITV-Tests, falls vorhanden.]</p>
<h2>Nicht barrierefreie Inhalte</h2>
<ul>
<li>Dokumente (PDF) von Trägern und aus Regionalkonferenzen sind nicht alle barrierefrei. Wir ersetzen sie nach
und nach; auf Anfrage erhalten Sie die Inhalte in zugänglicher Form.</li>
<li>Texte in Leichter Sprache und Videos in Deutscher Gebärdensprache gibt es noch nicht. [Planung ergänzen]</li>
<li>Beschreibungen der Angebote schreiben die Träger; sie sind nicht immer in einfacher Sprache.</li>
<li>Die englische Fassung übersetzt die Bedienung; viele Angebotstexte sind nur auf Deutsch.</li>
</ul>
<h2>Barrieren melden: Feedback und Kontakt</h2>
<p>Sind Ihnen Barrieren aufgefallen oder brauchen Sie Inhalte in anderer Form? Schreiben Sie uns:
[E-Mail-Adresse], Telefon [Telefonnummer], Post: Kreis Mettmann, Kommunales Integrationszentrum,
Düsseldorfer Straße 26, 40822 Mettmann. Wir antworten innerhalb von [sechs Wochen].</p>
<h2>Schlichtungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die
Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden (§ 10d BGG NRW):
Ombudsstelle für Barrierefreie Informationstechnik NRW, bei der Landesbehindertenbeauftragten, Fürstenwall 25,
40219 Düsseldorf, ombudsstelle-barrierefreie-it@mags.nrw.de. Das Verfahren ist kostenlos; Sie brauchen keine
Anwältin und keinen Anwalt. [Angaben bei der Ombudsstelle prüfen.] Bei Angeboten von Bundesbehörden ist die
Schlichtungsstelle nach § 16 BGG zuständig (www.schlichtungsstelle-bgg.de).</p>
<h2>Durchsetzungsverfahren</h2>
<p>[Zuständige Überwachungsstelle NRW ergänzen.]</p>
<p>Diese Erklärung wurde am [Datum] erstellt und zuletzt am [Datum] überprüft.</p>
"""

KONTAKT = """
<p><b>[Bitte vervollständigen.]</b></p>
<p>Fragen zum Präventionskatalog, zu einem Angebot oder zur Aufnahme eines eigenen Angebots beantwortet die
Fachstelle im Kommunalen Integrationszentrum des Kreises Mettmann.</p>
<h2>Fachstelle gegen Rechtsextremismus und Rassismus</h2>
<p>Kreis Mettmann, Kommunales Integrationszentrum<br/>Düsseldorfer Straße 26<br/>40822 Mettmann</p>
<p>E-Mail: [E-Mail-Adresse]<br/>Telefon: [02104 99-Durchwahl]<br/>Sprechzeiten: [Tage und Uhrzeiten]</p>
<h2>Ein Angebot vorschlagen</h2>
<p>Träger können ihr Angebot mit dem Formular <a href="/vorschlagen/">Angebot vorschlagen</a> einreichen; die
Fachstelle prüft es vor der Veröffentlichung.</p>
<h2>Akute Hilfe</h2>
<p>Bei rechtsextremen, rassistischen oder antisemitischen Vorfällen berät die Opferberatung Rheinland
(www.opferberatung-rheinland.de) vertraulich und kostenlos. In einer Notlage wählen Sie 110.</p>
"""

# (slug, title, English title, body): the footer shows them in this order.
PAGES = [
    ("impressum", "Impressum", "Legal notice", IMPRESSUM),
    ("datenschutz", "Datenschutzerklärung", "Privacy notice", DATENSCHUTZ),
    ("barrierefreiheit", "Erklärung zur Barrierefreiheit", "Accessibility statement", BARRIEREFREIHEIT),
    ("kontakt", "Kontakt", "Contact", KONTAKT),
]

export const common = {
  "landing.title": "Videoanrufe über einen Link. Ohne Installation.",
  "landing.body":
    "Mit Loop erstellen Sie einen Raum oder einen Anruf-Link und teilen ihn. Wer ihn öffnet, sieht, wer eingeladen hat, prüft Kamera und Mikrofon und ist direkt im Browser bei Ihnen: ohne Konto, ohne App.",
  "landing.point1": "Räume, in die Sie zurückkehren können, für bis zu fünf Personen.",
  "landing.point2": "Raumnamen sind Ende-zu-Ende-verschlüsselt: Unser Server sieht sie nie.",
  "landing.point3": "Das Video läuft, wann immer es geht, direkt zwischen den Browsern.",
  "landing.signIn": "Anmelden",
  "landing.signUp": "Konto erstellen",
  "landing.check": "Kamera und Mikrofon testen",

  "check.title": "Kamera- und Mikrofontest",
  "check.intro": "Sehen und hören Sie sich vor einem Anruf selbst. Nichts verlässt dieses Gerät.",
  "check.start": "Test starten",
  "check.ok": "Ihre Kamera und Ihr Mikrofon funktionieren.",
  "check.denied": "Loop konnte Ihre Kamera oder Ihr Mikrofon nicht verwenden. Erlauben Sie beides in den Website-Einstellungen Ihres Browsers und versuchen Sie es erneut.",
  "check.retry": "Erneut versuchen",
  "check.micLevel": "Mikrofonpegel",

  "meta.description": "Videoanrufe über einen Link: Ihre Gäste brauchen weder Konto noch Installation.",
  "lang.label": "Sprache",

  "error.title": "Etwas ist schiefgelaufen",
  "error.body": "Auf der Seite ist ein unerwarteter Fehler aufgetreten. Ein neuer Versuch hilft meistens.",
  "error.retry": "Erneut versuchen",
  "notFound.title": "Diese Seite gibt es nicht",
  "notFound.body": "Prüfen Sie den Link, den Sie bekommen haben, oder beginnen Sie auf der Startseite.",
  "notFound.home": "Zu Loop",
};

export const common = {
  "landing.title": "Des appels vidéo à partir d’un lien. Rien à installer.",
  "landing.body":
    "Avec Loop, vous créez un salon ou un lien d’appel et vous le partagez. La personne qui l’ouvre voit qui l’invite, vérifie sa caméra et son micro, puis vous rejoint dans son navigateur : sans compte, sans application.",
  "landing.point1": "Des salons où revenir, jusqu’à cinq personnes.",
  "landing.point2": "Les noms des salons sont chiffrés de bout en bout : notre serveur ne les voit jamais.",
  "landing.point3": "La vidéo passe directement d’un navigateur à l’autre dès que possible.",
  "landing.signIn": "Se connecter",
  "landing.signUp": "Créer un compte",
  "landing.check": "Tester votre caméra et votre micro",

  "check.title": "Test de la caméra et du micro",
  "check.intro": "Voyez-vous et entendez-vous avant un appel. Rien ne quitte cet appareil.",
  "check.start": "Lancer le test",
  "check.ok": "Votre caméra et votre micro fonctionnent.",
  "check.denied": "Loop n’a pas pu utiliser votre caméra ou votre micro. Autorisez-les dans les paramètres du site de votre navigateur, puis réessayez.",
  "check.retry": "Réessayer",
  "check.micLevel": "Niveau du micro",

  "meta.description": "Des appels vidéo à partir d’un lien : ni compte ni installation pour vos invités.",
  "lang.label": "Langue",

  "error.title": "Un problème est survenu",
  "error.body": "La page a rencontré une erreur inattendue. Réessayer suffit souvent.",
  "error.retry": "Réessayer",
  "notFound.title": "Cette page n’existe pas",
  "notFound.body": "Vérifiez le lien que vous avez reçu, ou repartez de la page d’accueil.",
  "notFound.home": "Aller sur Loop",
};

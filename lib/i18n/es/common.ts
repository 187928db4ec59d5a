export const common = {
  "landing.title": "Videollamadas desde un enlace. Sin instalar nada.",
  "landing.body":
    "Con Loop creas una sala o un enlace de llamada y lo compartes. Quien lo abre ve quién le invita, prueba su cámara y su micrófono y se une a ti en el navegador: sin cuenta y sin aplicación.",
  "landing.point1": "Salas a las que puedes volver, para hasta cinco personas.",
  "landing.point2": "Los nombres de las salas tienen cifrado de extremo a extremo: nuestro servidor nunca los ve.",
  "landing.point3": "El vídeo va directamente de un navegador a otro siempre que se puede.",
  "landing.signIn": "Iniciar sesión",
  "landing.signUp": "Crear una cuenta",
  "landing.check": "Probar la cámara y el micrófono",

  "check.title": "Prueba de cámara y micrófono",
  "check.intro": "Mírate y escúchate antes de una llamada. Nada sale de este dispositivo.",
  "check.start": "Empezar la prueba",
  "check.ok": "Tu cámara y tu micrófono funcionan.",
  "check.denied": "Loop no ha podido usar tu cámara o tu micrófono. Permítelos en la configuración del sitio de tu navegador y vuelve a intentarlo.",
  "check.retry": "Reintentar",
  "check.micLevel": "Nivel del micrófono",

  "meta.description": "Videollamadas desde un enlace: tus invitados no necesitan cuenta ni instalar nada.",
  "lang.label": "Idioma",

  "error.title": "Algo ha fallado",
  "error.body": "La página ha tenido un error inesperado. Volver a intentarlo suele funcionar.",
  "error.retry": "Reintentar",
  "notFound.title": "Esta página no existe",
  "notFound.body": "Revisa el enlace que te han dado o empieza desde la página de inicio.",
  "notFound.home": "Ir a Loop",
};

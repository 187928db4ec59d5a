/**
 * Every user-facing string of the web app. A translation is a copy of this file with the
 * values changed (same keys); `t()` picks the catalog.
 */
export const common = {
  "landing.title": "Video calls from a link. Nothing to install.",
  "landing.body":
    "Loop lets you create a room or a call link and share it. Whoever opens it sees who invited them, checks their camera and microphone, and joins you in the browser: no account, no app.",
  "landing.point1": "Rooms you can come back to, for up to five people.",
  "landing.point2": "Room names are end-to-end encrypted: our server never sees them.",
  "landing.point3": "Video goes straight between browsers whenever it can.",
  "landing.signIn": "Sign in",
  "landing.signUp": "Create an account",
  "landing.check": "Test your camera and microphone",

  "check.title": "Camera and microphone check",
  "check.intro": "See and hear yourself before a call. Nothing leaves this device.",
  "check.start": "Start the check",
  "check.ok": "Your camera and microphone work.",
  "check.denied": "Loop could not use your camera or microphone. Allow them in your browser's site settings, then try again.",
  "check.retry": "Try again",
  "check.micLevel": "Microphone level",

  "meta.description": "Video calls from a link: no account and no install for your guests.",
  "lang.label": "Language",

  "error.title": "Something went wrong",
  "error.body": "The page hit an unexpected error. Trying again usually helps.",
  "error.retry": "Try again",
  "notFound.title": "This page does not exist",
  "notFound.body": "Check the link you were given, or start from the home page.",
  "notFound.home": "Go to Loop",
} as const;


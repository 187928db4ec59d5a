import { t } from "@/lib/i18n";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/limits";

/** next-auth's error codes (and ours) → what the person reads. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  switch (code) {
    case null:
    case undefined:
    case "":
      return null;
    case "CredentialsSignin":
      return t("auth.error.wrongPassword");
    case "TooManyAttempts":
      return t("auth.error.tooManyAttempts");
    case "OAuthAccountNotLinked":
      return t("auth.error.accountNotLinked");
    case "EmailRequired":
      return t("auth.error.emailRequired");
    case "SessionRequired":
      return t("auth.error.sessionRequired");
    case "OAuthSignin":
    case "OAuthCallback":
    case "OAuthCreateAccount":
    case "Callback":
    case "AccessDenied":
      return t("auth.error.oauth");
    default:
      return t("auth.error.generic");
  }
}

export const passwordRules = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

/** Client-side checks with the server's rules, so most mistakes never need a round trip. */
export function checkSignUp(email: string, password: string): { email?: string; password?: string } {
  const errs: { email?: string; password?: string } = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errs.email = t("auth.error.emailInvalid");
  if (password.length < PASSWORD_MIN_LENGTH) errs.password = t("auth.error.passwordTooShort", { min: PASSWORD_MIN_LENGTH });
  else if (password.length > PASSWORD_MAX_LENGTH) errs.password = t("auth.error.passwordTooLong", { max: PASSWORD_MAX_LENGTH });
  return errs;
}

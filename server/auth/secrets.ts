import crypto from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, CSRF tokens, machine tokens. */
export const randomSecret = () => crypto.randomBytes(32).toString('base64url');

/** What is stored instead of a secret: a leaked database opens no session and works as no token. */
export const digest = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

/** Constant-time comparison of two strings of any length. */
export function safeEqual(a: string, b: string): boolean {
  return crypto.timingSafeEqual(crypto.createHash('sha256').update(a).digest(), crypto.createHash('sha256').update(b).digest());
}

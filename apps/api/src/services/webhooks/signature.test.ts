import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, secretHint, signWebhook, webhookHeaders } from './signature.ts';

describe('Standard Webhooks signatures', () => {
  it('matches the specification’s published example', () => {
    // The example of https://github.com/standard-webhooks/standard-webhooks (spec and libraries).
    expect(
      signWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('generates 32 random bytes behind the whsec_ prefix, and hints at them without giving them away', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(secretHint(secret)).toBe(`${secret.slice(0, 10)}…`);
  });

  it('puts the event id, the time in whole seconds and the signature of both in the headers', () => {
    const headers = webhookHeaders(generateWebhookSecret(), 'evt-1', '{}', new Date('2026-12-01T10:00:00.900Z'));
    expect(headers['webhook-id']).toBe('evt-1');
    expect(headers['webhook-timestamp']).toBe('1796119200');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });
});

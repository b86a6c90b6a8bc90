import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecretKeyMatcher, normalizeKey } from './secret-keys.js';

describe('secret key names', () => {
  const isSecret = createSecretKeyMatcher();

  const secret = [
    'password', 'PASSWORD', 'Password', 'passwd', 'db_password', 'password_hash', 'passwordConfirmation',
    'api_key', 'apikey', 'apiKey', 'API-Key', 'x-api-key', 'X-API-KEY', 'openai_api_key', 'api_key_id',
    'token', 'github_token', 'GITHUB_TOKEN', 'authToken', 'x-auth-token', 'id_token', 'session.token', 'csrftoken',
    'secret', 'client_secret', 'clientSecret', 'aws_secret_access_key', 'SecretAccessKey', 'secret_key',
    'credential', 'credentials', 'aws.credentials', 'credential_process',
    'auth', 'basic_auth', 'authorization', 'Authorization', 'proxy-authorization', 'http.request.header.authorization',
    'private_key', 'privateKey', 'ssh-private-key', 'access_token', 'accessToken', 'refresh_token', 'refreshToken',
    'cookie', 'Cookie', 'set-cookie',
  ];
  const metadata = [
    'tokens', 'input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'max_tokens',
    'maxTokens', 'gen_ai.usage.input_tokens', 'token_count', 'tokenizer', 'token_type', 'gen_ai.token.type',
    'author', 'authored_by', 'authors', 'auth_method', 'authenticated', 'keys', 'key', 'monkey', 'cookies_enabled_count_x',
    'session_id', 'tool_name', 'file_path', 'model', 'passes', 'id', '', 'content',
  ];

  for (const key of secret) it(`"${key}" is secret`, () => assert.equal(isSecret(key), true));
  for (const key of metadata) it(`"${key}" is not`, () => assert.equal(isSecret(key), false));

  it('normalises case and separators', () => {
    assert.equal(normalizeKey('X-Api_Key.v 2'), 'xapikeyv2');
  });

  it('takes extra names with the same rule', () => {
    const withExtras = createSecretKeyMatcher(['session_id', 'OTP']);
    assert.equal(withExtras('session_id'), true);
    assert.equal(withExtras('SessionId'), true);
    assert.equal(withExtras('user_otp'), true);
    assert.equal(withExtras('otp_count'), false);
    assert.equal(withExtras('input_tokens'), false);
  });

  it('answers the same from its cache', () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(isSecret('github_token'), true);
      assert.equal(isSecret('input_tokens'), false);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedactor } from './redactor.js';
import { FakeSecrets } from './test/fake-secrets.js';

const redactor = createRedactor();
const fake = new FakeSecrets(7);

describe('provider API keys → [API_KEY]', () => {
  const positives: Array<[string, string]> = [
    ['Anthropic', fake.anthropic()],
    ['OpenAI legacy', fake.openai()],
    ['OpenAI project', fake.openaiProject()],
    ['Google', fake.google()],
    ['AWS access key id', fake.awsKeyId()],
    ['AWS session key id', fake.awsSessionKeyId()],
    ['GitHub token', fake.github()],
    ['GitHub fine-grained PAT', fake.githubPat()],
    ['GitLab', fake.gitlab()],
    ['Slack token', fake.slack()],
    ['Slack webhook', fake.slackWebhook()],
    ['Stripe', fake.stripe()],
    ['npm', fake.npm()],
    ['Hugging Face', fake.huggingFace()],
  ];
  for (const [name, key] of positives) {
    it(`${name} alone, in a sentence, quoted and in an export`, () => {
      assert.equal(redactor.redactString(key), '[API_KEY]');
      assert.equal(redactor.redactString(`the key ${key} works.`), 'the key [API_KEY] works.');
      assert.equal(redactor.redactString(`client(api="${key}")`), 'client(api="[API_KEY]")');
      assert.equal(redactor.redactString(`export SOME_VAR=${key}`), 'export SOME_VAR=[API_KEY]');
    });
  }

  it('AWS secret keys beside their name or their key id', () => {
    const secret = fake.awsSecret();
    const id = fake.awsKeyId();
    assert.equal(redactor.redactString(`aws_secret_access_key = ${secret}`), 'aws_secret_access_key = [API_KEY]');
    assert.equal(redactor.redactString(`"SecretAccessKey": "${secret}"`), '"SecretAccessKey": "[API_KEY]"');
    assert.equal(redactor.redactString(`AWS_SECRET_ACCESS_KEY=${secret}`), 'AWS_SECRET_ACCESS_KEY=[API_KEY]');
    assert.equal(redactor.redactString(`${id},${secret}`), '[API_KEY],[API_KEY]');
  });

  const negatives = [
    'risk-assessment-for-the-quarterly-report', // `sk-` inside a word
    'sk-learn is a nickname for scikit-learn and sk-this-is-a-css-class-name', // no digit in the body
    'task_live_updates and desk_test_runner', // `sk_live_`/`sk_test_` inside a word
    'AKIA1234', // too short
    'xAKIAIOSFODNN7EXAMPLEx', // inside a word
    'ghp_short',
    'self.hf_model_name_for_the_pipeline', // hf_ followed by words with underscores
    'npm_config_registry=https://registry.npmjs.org/',
    'pk_live_1234567890abcdefghij', // Stripe publishable keys are public
    'AIzaShort',
    'https://hooks.example.com/services/T000/B000',
    'a wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY alone is not recognised',
  ];
  for (const text of negatives) it(`leaves "${text}"`, () => assert.equal(redactor.redactString(text), text));
});

import { describe, expect, test } from 'vitest';
import { createDemoOrganization, MIN_HISTORY_DAYS } from './demo-organization';

const now = Date.UTC(2026, 8, 15, 12, 30, 45);

describe('createDemoOrganization', () => {
  test('is identical for the same seed and differs for another', () => {
    const first = createDemoOrganization({ seed: 7, now });
    expect(createDemoOrganization({ seed: 7, now })).toEqual(first);
    expect(createDemoOrganization({ seed: 8, now }).projects[0]?.id).not.toBe(
      first.projects[0]?.id,
    );
  });

  test('ends at now and starts at a UTC midnight at least a year earlier', () => {
    const organization = createDemoOrganization({ now });
    expect(organization.now).toBe(Math.floor(now / 1000));
    expect(organization.start % 86_400).toBe(0);
    expect(organization.now - organization.start).toBeGreaterThanOrEqual(365 * 86_400);
    expect(() => createDemoOrganization({ now, historyDays: MIN_HISTORY_DAYS - 1 })).toThrow(
      /historyDays/,
    );
  });

  test('defaults now to the current time rounded down to the minute', () => {
    const before = Math.floor(Date.now() / 60_000) * 60;
    const organization = createDemoOrganization();
    expect(organization.now % 60).toBe(0);
    expect(organization.now).toBeGreaterThanOrEqual(before);
  });

  test('has archived projects, deleted keys and service accounts, with names a company would use', () => {
    const organization = createDemoOrganization({ now });
    expect(
      organization.projects.filter((project) => project.status === 'archived').length,
    ).toBeGreaterThan(1);
    expect(organization.apiKeys.filter((key) => key.deleted).length).toBeGreaterThan(1);
    expect(organization.apiKeys.some((key) => key.owner.type === 'service_account')).toBe(true);
    expect(organization.users.every((user) => user.email.includes('@'))).toBe(true);
    const names = [
      organization.name,
      ...organization.projects,
      ...organization.users,
      ...organization.serviceAccounts,
      ...organization.apiKeys,
    ].map((item) => (typeof item === 'string' ? item : item.name));
    for (const name of names) {
      expect(name).not.toMatch(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: names must hold no control characters
        /[<>]|^[=+\-@]|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
    }
  });

  test('the hostile organization is the same organization with names that test escaping', () => {
    const demo = createDemoOrganization({ now });
    const hostile = createDemoOrganization({ now, names: 'hostile' });
    const strip = (organization: typeof demo) => ({
      ...organization,
      name: '',
      projects: organization.projects.map((project) => ({ ...project, name: '' })),
      users: organization.users.map((user) => ({ ...user, name: '', email: '' })),
      serviceAccounts: organization.serviceAccounts.map((account) => ({ ...account, name: '' })),
      apiKeys: organization.apiKeys.map((key) => ({ ...key, name: '' })),
    });
    expect(strip(hostile)).toEqual(strip(demo));
    const names = [...hostile.projects, ...hostile.users, ...hostile.apiKeys].map(
      (item) => item.name,
    );
    expect(hostile.name).toMatch(/<Demo>/);
    expect(names).toContain('<b>Growth</b> Experiments');
    expect(names.some((name) => name.startsWith('=SUM('))).toBe(true);
    expect(names.some((name) => /^[+\-@]/.test(name))).toBe(true);
    expect(names.some((name) => name.includes('\u202E'))).toBe(true);
    expect(hostile.serviceAccounts.some((account) => account.name.includes('\u001b['))).toBe(true);
  });

  test('uses a realistic model mix with dated snapshots and one fine-tuned model', () => {
    const { models } = createDemoOrganization({ now });
    expect(models.completions).toContain('gpt-4o-2024-08-06');
    expect(models.completions?.filter((model) => model.startsWith('ft:'))).toHaveLength(1);
    expect(models.completions?.some((model) => /^o\d/.test(model))).toBe(true);
    for (const endpoint of [
      'embeddings',
      'moderations',
      'images',
      'audio_speeches',
      'audio_transcriptions',
    ] as const) {
      expect(models[endpoint]?.length).toBeGreaterThan(1);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { jobActions, mapsUrl, telUrl } from './job-actions.ts';

describe('jobActions', () => {
  it('offers a technician Start on a scheduled job', () => {
    expect(jobActions('scheduled', 'technician').map((a) => a.label)).toEqual(['job.action.start']);
  });

  it('offers Pause (with a reason) and Complete on a running job', () => {
    const actions = jobActions('in_progress', 'technician');
    expect(actions.map((a) => a.label)).toEqual(['job.action.pause', 'job.action.complete']);
    expect(actions[0]).toMatchObject({
      needsReason: true,
      reasonLabel: 'job.pause.reason',
      confirmLabel: 'job.pause.confirm',
    });
  });

  it('says Resume, not Start, for a paused job', () => {
    expect(jobActions('paused', 'technician').map((a) => a.label)).toEqual([
      'job.action.resume',
      'job.action.complete',
    ]);
  });

  it('offers Submit once completed, and nothing after that to a technician', () => {
    expect(jobActions('completed', 'technician').map((a) => a.label)).toEqual(['job.action.submit']);
    expect(jobActions('submitted', 'technician')).toEqual([]);
  });

  it('lets a lead cancel an open job as a secondary, reasoned action', () => {
    const cancel = jobActions('scheduled', 'lead').find((a) => a.to === 'cancelled');
    expect(cancel).toMatchObject({ secondary: true, needsReason: true });
  });
});

describe('links', () => {
  it('uses coordinates when the site has them, else the address', () => {
    expect(mapsUrl({ address: '1 Quay St', lat: 50.8, lng: -1.1 })).toBe(
      'https://www.google.com/maps/search/?api=1&query=50.8%2C-1.1',
    );
    expect(mapsUrl({ address: '1 Quay St, Portsmouth', lat: null, lng: null })).toContain(
      'query=1%20Quay%20St%2C%20Portsmouth',
    );
  });

  it('keeps only digits and + in a tel: link', () => {
    expect(telUrl('+44 (0)23 9200-1234')).toBe('tel:+4402392001234');
  });
});

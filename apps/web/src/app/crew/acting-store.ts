/**
 * Who held the phone last, per phone's person, and whether it had a crew: kept in localStorage so
 * a reload (or a killed tab) comes back to the same person — or, with a crew, to the picker.
 */
export function actingStore(hostUserId: string) {
  const key = `lastmile-crew:${hostUserId}`;
  const load = (): { acting: string; crew: boolean } | null => {
    try {
      const value = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
      if (value && typeof value === 'object' && 'acting' in value && typeof value.acting === 'string')
        return { acting: value.acting, crew: 'crew' in value && value.crew === true };
    } catch {
      // Unreadable (another version, a full disk): start as the phone's own person.
    }
    return null;
  };
  return {
    read: () => load()?.acting ?? null,
    hadCrew: () => load()?.crew ?? false,
    write(acting: string, crew: boolean) {
      try {
        localStorage.setItem(key, JSON.stringify({ acting, crew }));
      } catch {
        // Private mode or a full disk: the picker simply does not survive a reload.
      }
    },
  };
}

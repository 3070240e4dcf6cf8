/** Polish for en-account.ts: changing one's own password. */
export const plAccount = {
  'account.password.title': 'Zmień hasło',
  'account.password.intro':
    'Twoje pozostałe telefony i komputery zostaną wylogowane; to urządzenie pozostanie zalogowane. Co najmniej 12 znaków.',
  'account.password.current': 'Obecne hasło',
  'account.password.currentMissing': 'Wpisz obecne hasło.',
  'account.password.wrongCurrent': 'To nie jest Twoje obecne hasło.',
  'account.password.same': 'Wybierz hasło inne niż obecne.',
  'account.password.invalid': 'Użyj od 12 do 200 znaków.',
  'account.password.submit': 'Zmień hasło',
  'account.password.changed': 'Hasło zmienione. Twoje pozostałe urządzenia zostały wylogowane.',
  'account.password.offline': 'Brak połączenia. Zmiana hasła wymaga zasięgu; spróbuj ponownie, gdy będzie.',
  'account.password.failed': 'To się nie udało. Spróbuj ponownie za chwilę.',
} as const;

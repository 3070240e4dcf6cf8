/** Polish for en-revoked.ts: the screen of a revoked device. */
export const plRevoked = {
  'revoked.title': 'To urządzenie zostało usunięte z Lastmile',
  'revoked.byOrg':
    'Administrator organizacji {org} odebrał dostęp temu urządzeniu, więc Lastmile usuwa wszystko, co tu przechowywał: zlecenia, formularze, zdjęcia i niewysłane zmiany.',
  'revoked.byAdmin':
    'Administrator odebrał dostęp temu urządzeniu, więc Lastmile usuwa wszystko, co tu przechowywał: zlecenia, formularze, zdjęcia i niewysłane zmiany.',
  'revoked.reason': 'Podany powód: {reason}',
  'revoked.erasing': 'Usuwanie danych Lastmile z tego urządzenia…',
  'revoked.erased': 'Usunięto. W Lastmile na tym urządzeniu nie zostały żadne dane Twojej organizacji.',
  'revoked.failed': 'Usuwanie nie zostało dokończone. Zamknij Lastmile i otwórz ponownie, aby je dokończyć.',
  'revoked.next':
    'Jeśli to Twoje urządzenie i masz je z powrotem, porozmawiaj z administratorem, a potem zaloguj się ponownie: zostanie skonfigurowane jako nowe urządzenie.',
  'revoked.signInAgain': 'Przejdź do logowania',
} as const;

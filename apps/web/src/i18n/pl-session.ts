/** Polish for en-session.ts: offline sign-in, sign-out and setting a password (`session.*`). */
export const plSession = {
  'session.offlineSignInRefused':
    'Brak połączenia, a ten e-mail i hasło nie pasują do nikogo, kto wcześniej logował się na tym telefonie. Sprawdź je albo spróbuj ponownie, gdy będzie zasięg.',
  'session.signOutOfflineResumable':
    'Jesteś offline. Twoje dane zostają na tym telefonie. Aby wrócić przed odzyskaniem zasięgu, zaloguj się na tym telefonie tym samym e-mailem i hasłem.',
  'session.signOutOfflinePin':
    'Jesteś offline. Twoje dane zostają na tym telefonie. Aby wrócić przed odzyskaniem zasięgu, dotknij swojego imienia na stronie logowania i wpisz PIN albo zaloguj się tym samym e-mailem i hasłem.',
  'session.signOutOfflineNeedsSignal':
    'Jesteś offline. Ten telefon nie może jeszcze sprawdzić Twojego hasła, więc ponowne logowanie będzie wymagało zasięgu. Twoje dane zostają na tym telefonie.',
  'session.signOutPhotosWaiting':
    '{count, plural, one {# zdjęcie nie zostało jeszcze wysłane. Zostaje na tym telefonie i wyśle się po ponownym zalogowaniu.} few {# zdjęcia nie zostały jeszcze wysłane. Zostają na tym telefonie i wyślą się po ponownym zalogowaniu.} many {# zdjęć nie zostało jeszcze wysłanych. Zostają na tym telefonie i wyślą się po ponownym zalogowaniu.} other {# zdjęcia nie zostało jeszcze wysłane. Zostają na tym telefonie i wyślą się po ponownym zalogowaniu.}}',
  'session.signOutConfirm': 'Wylogować?',
  'session.setPasswordTitle': 'Ustal hasło',
  'session.setPasswordIntro': 'Co najmniej 12 znaków. Kilka niezwiązanych słów łatwo zapamiętać, a trudno odgadnąć.',
  'session.setPasswordNew': 'Nowe hasło',
  'session.setPasswordRepeat': 'Powtórz hasło',
  'session.setPasswordTooShort': 'Użyj co najmniej 12 znaków.',
  'session.setPasswordMismatch': 'Hasła się różnią.',
  'session.setPasswordNoToken':
    'Ten link jest niepełny. Otwórz cały link z zaproszenia lub wiadomości o zmianie hasła.',
  'session.setPasswordSubmit': 'Zapisz hasło',
  'session.setPasswordSaving': 'Zapisywanie…',
  'session.setPasswordOffline': 'Brak połączenia. Ustalenie hasła wymaga zasięgu; spróbuj ponownie, gdy go złapiesz.',
  'session.passwordSetNotice': 'Hasło zapisane. Zaloguj się e-mailem i nowym hasłem.',
} as const;

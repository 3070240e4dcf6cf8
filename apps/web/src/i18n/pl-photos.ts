/** Polish for en-photos.ts: photos and signatures (`photos.*`). */
export const plPhotos = {
  'photos.take': 'Zrób zdjęcie',
  'photos.choose': 'Wybierz zdjęcia',
  'photos.processing':
    '{count, plural, one {Przygotowywanie # zdjęcia…} few {Przygotowywanie # zdjęć…} many {Przygotowywanie # zdjęć…} other {Przygotowywanie # zdjęcia…}}',
  'photos.notAPhoto': 'Ten plik nie jest zdjęciem, które ten telefon potrafi odczytać.',
  'photos.refused': '{name}: {reason}',
  'photos.none': 'Brak zdjęć.',
  'photos.onPhone': 'Tylko na tym telefonie',
  'photos.uploading': 'Wysyłanie {percent}%',
  'photos.waiting': 'Czeka na wysłanie',
  'photos.failed': 'Nie przyjęto: {reason}',
  'photos.elsewhere': 'Nadal na telefonie, którym je zrobiono',
  'photos.uploaded': 'Wysłane',
  'photos.open': 'Otwórz zdjęcie {n} z {count}: {caption}',
  'photos.noCaption': 'bez podpisu',
  'photos.by': 'Zdjęcie: {name}, {when}',
  'photos.someone': 'ktoś',
  'photos.caption': 'Podpis',
  'photos.saveCaption': 'Zapisz podpis',
  'photos.delete': 'Usuń zdjęcie',
  'photos.deleteConfirm': 'Usunąć to zdjęcie? Nie da się go przywrócić.',
  'photos.close': 'Zamknij',
  'photos.viewer': 'Zdjęcie {n} z {count}',
  'photos.offlineFull': 'Pełnego zdjęcia nie ma na tym telefonie; pojawi się, gdy będzie zasięg.',
  'photos.jobSection': 'Zdjęcia',
  'photos.jobPending':
    '{count, plural, one {# zdjęcie jest nadal tylko na tym telefonie} few {# zdjęcia są nadal tylko na tym telefonie} many {# zdjęć jest nadal tylko na tym telefonie} other {# zdjęcia jest nadal tylko na tym telefonie}}',
  'photos.stillUploading':
    '{count, plural, one {# zdjęcie jeszcze się wysyła} few {# zdjęcia jeszcze się wysyłają} many {# zdjęć jeszcze się wysyła} other {# zdjęcia jeszcze się wysyła}}',
  'photos.count': '{count, plural, one {# zdjęcie} few {# zdjęcia} many {# zdjęć} other {# zdjęcia}}',
  'photos.max': 'Najwyżej {max} zdjęć.',
  'photos.uploadsTitle':
    '{count, plural, one {# zdjęcie nadal tylko na tym telefonie} few {# zdjęcia nadal tylko na tym telefonie} many {# zdjęć nadal tylko na tym telefonie} other {# zdjęcia nadal tylko na tym telefonie}}',
  'photos.uploadsNone': 'Każde zdjęcie zrobione tym telefonem dotarło na serwer.',
  'photos.uploadOnJob': 'Zdjęcie w zleceniu {number} ({size})',
  'photos.lastTry': 'Ostatnia próba: {reason} Spróbujemy ponownie.',
  'photos.retry': 'Spróbuj ponownie',
  'photos.saveFile': 'Zapisz zdjęcie na tym urządzeniu',
  'photos.storage': 'Miejsce dla Lastmile na tym urządzeniu: zajęte {used} z {quota} ({percent}%).',
  'photos.storageFull':
    'Miejsce dla Lastmile jest prawie pełne: {used} z {quota} ({percent}%). Zdjęcia, które są już na serwerze, zostają tylko jako miniatury; złap zasięg, aby wysłać resztę.',
} as const;

import { createContext, useContext, type ReactNode } from 'react';
import type { AppDb } from './app-db.ts';

const AppDbContext = createContext<AppDb | null>(null);

export function AppDbProvider({ db, children }: { db: AppDb; children: ReactNode }) {
  return <AppDbContext.Provider value={db}>{children}</AppDbContext.Provider>;
}

/** The signed-in person's local database (replicated rows and sync tables). */
export function useAppDb(): AppDb {
  const db = useContext(AppDbContext);
  if (!db) throw new Error('useAppDb must be used inside <AppDbProvider>');
  return db;
}

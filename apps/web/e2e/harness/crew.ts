import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './demo.ts';
import { go, mainHeading } from './pages.ts';

/** Crew mode (ADR 0033): the phone's own person sets their PIN on the crew screen. */
export async function setOwnPin(page: Page, pin: string): Promise<void> {
  await go(page, '/crew');
  await expect.poll(() => mainHeading(page)).toBe('Crew on this phone');
  await page.getByLabel('PIN (4 to 8 digits)').fill(pin);
  await page.getByLabel('PIN again').first().fill(pin);
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.getByRole('heading', { name: 'Add a person' }).waitFor();
}

/** Then adds a person to the phone's crew with their password and a PIN for this phone. */
export async function addToCrew(page: Page, email: string, pin: string): Promise<void> {
  await page.getByLabel('Their email').fill(email);
  await page.getByLabel('Their password').fill(DEMO_PASSWORD);
  await page.getByLabel('Their PIN for this phone').fill(pin);
  await page.getByLabel('PIN again').last().fill(pin);
  await page.getByRole('button', { name: 'Add to the crew' }).click();
  await page.getByText('can now switch to this phone with their PIN').waitFor();
}

/** "Switch person" → tap the name → PIN. */
export async function switchTo(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: /Switch person/ }).click();
  await page.getByRole('heading', { name: 'Who is using this phone?' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByLabel(`PIN for ${name}`).fill(pin);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: new RegExp(`Using this phone: ${name}`) }).waitFor();
}

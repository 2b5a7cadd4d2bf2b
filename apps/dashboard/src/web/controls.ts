import { element } from './dom';

/** One choice of a select. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly title?: string | undefined;
}

/**
 * Fills a select with choices (labels via textContent) and selects the current value.
 *
 * @param select The select element.
 * @param choices The choices.
 * @param current The selected value.
 */
export function fillSelect(
  select: HTMLSelectElement,
  choices: readonly Choice[],
  current: string,
): void {
  select.replaceChildren(
    ...choices.map((choice) => {
      const option = element('option', { text: choice.label, title: choice.title });
      option.value = choice.value;
      option.selected = choice.value === current;
      return option;
    }),
  );
  select.value = current;
}

/**
 * Builds a labelled select that calls back on change.
 *
 * @param label The label text.
 * @param name The control's name (used by tests and CSS).
 * @param choices The choices.
 * @param current The selected value.
 * @param onChange Called with the new value.
 *
 * @returns The label element holding the select.
 */
export function labelledSelect(
  label: string,
  name: string,
  choices: readonly Choice[],
  current: string,
  onChange: (value: string) => void,
): HTMLLabelElement {
  const select = element('select', { attributes: { name } });
  fillSelect(select, choices, current);
  select.addEventListener('change', () => onChange(select.value));
  return element('label', { text: `${label} ` }, [select]);
}

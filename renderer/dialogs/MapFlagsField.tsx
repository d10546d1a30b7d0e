// The map flag checkboxes, with the flag-combination problem under them.
import { CheckboxField, ProblemText } from './Field.js';
import { MAP_FLAG_CHOICES } from './map-rules.js';
import type { Problem } from './validation.js';

export interface MapFlagsFieldProps {
  flags: string[];
  onChange(flags: string[]): void;
  problem: Problem | undefined;
}

export function MapFlagsField({ flags, onChange, problem }: MapFlagsFieldProps) {
  return (
    <fieldset className="flags" aria-describedby={problem ? 'map-flags-problem' : undefined}>
      <legend>Flags</legend>
      {MAP_FLAG_CHOICES.map((f) => (
        <CheckboxField
          key={f}
          label={f}
          checked={flags.includes(f)}
          onChange={(on) => onChange(on ? [...flags, f] : flags.filter((x) => x !== f))}
        />
      ))}
      <ProblemText id="map-flags-problem" problem={problem} />
    </fieldset>
  );
}

// BPF_MAP_CREATE with inline per-type rules, then an optional pin.
import { useState } from 'react';

import { joinPath } from '../../shared/bpf/paths.js';
import type { MapFlagName, MapTypeName } from '../../shared/bpf/types.js';

import { useAppStore } from '../store/context.js';
import { DialogFrame } from './DialogFrame.js';
import { SelectField, TextField } from './Field.js';
import { HandleOptions } from './handle-options.js';
import { MapFlagsField } from './MapFlagsField.js';
import { defaultsFor, MAP_TYPE_CHOICES, mapProblems, needsInnerMap } from './map-rules.js';
import { useCreateThenPin } from './use-create-then-pin.js';
import { notANumber, objectNameFieldProblem, parseU32, pinAtProblem } from './validation.js';

export function NewMapDialog({ target }: { target: string }) {
  const handles = useAppStore((s) => s.handles);
  const innerChoices = handles.filter(
    (h) => h.kind === 'map' && h.type !== 'array_of_maps' && h.type !== 'hash_of_maps',
  );
  const [type, setType] = useState<MapTypeName>('hash');
  const initial = defaultsFor('hash');
  const [name, setName] = useState('');
  const [keySize, setKeySize] = useState(String(initial.keySize));
  const [valueSize, setValueSize] = useState(String(initial.valueSize));
  const [maxEntries, setMaxEntries] = useState(String(initial.maxEntries));
  const [mapExtra, setMapExtra] = useState('0');
  const [flags, setFlags] = useState<string[]>([...initial.flags]);
  const [inner, setInner] = useState(String(innerChoices[0]?.handle ?? ''));
  const [pinPath, setPinPath] = useState(joinPath(target, ''));
  const flow = useCreateThenPin('Map');

  const changeType = (t: MapTypeName): void => {
    const d = defaultsFor(t);
    setType(t);
    setKeySize(String(d.keySize));
    setValueSize(String(d.valueSize));
    setMaxEntries(String(d.maxEntries));
    setFlags([...d.flags]);
  };

  const nums = {
    keySize: parseU32(keySize),
    valueSize: parseU32(valueSize),
    maxEntries: parseU32(maxEntries),
    mapExtra: parseU32(mapExtra),
  };
  const rules = mapProblems({
    type,
    flags,
    keySize: nums.keySize ?? 0,
    valueSize: nums.valueSize ?? 0,
    maxEntries: nums.maxEntries ?? 0,
    mapExtra: nums.mapExtra ?? 0,
  });
  const numProblem = (field: keyof typeof nums) => (nums[field] === undefined ? notANumber : rules[field]);
  const innerProblem =
    needsInnerMap(type) && !innerChoices.some((h) => String(h.handle) === inner)
      ? { code: 'EBADF', message: 'Map-in-map needs an inner map template: open or create a map handle first.' }
      : undefined;
  const nameProblem = objectNameFieldProblem(name);
  const pinProblem = pinAtProblem(pinPath);
  const fieldProblems = [
    numProblem('keySize'),
    numProblem('valueSize'),
    numProblem('maxEntries'),
    rules.flags,
    nameProblem,
    pinProblem,
    innerProblem,
    type === 'bloom_filter' ? numProblem('mapExtra') : undefined,
  ];
  const valid = fieldProblems.every((p) => p === undefined);

  const submit = (): void =>
    flow.run(
      () =>
        flow.store.getState().createMap({
          type,
          name,
          keySize: nums.keySize ?? 0,
          valueSize: nums.valueSize ?? 0,
          maxEntries: nums.maxEntries ?? 0,
          flags: flags as MapFlagName[],
          ...(needsInnerMap(type) ? { innerHandle: Number(inner) } : {}),
          ...(type === 'bloom_filter' ? { mapExtra: nums.mapExtra ?? 0 } : {}),
        }),
      pinPath,
    );

  const locked = flow.created !== null;
  return (
    <DialogFrame
      title="New map"
      submitLabel={locked ? 'Pin' : 'Create map'}
      canSubmit={valid}
      busy={flow.busy}
      error={flow.error}
      errorNote={flow.errorNote}
      onSubmit={submit}
      onCancel={() => flow.store.getState().closeDialog()}
    >
      <fieldset disabled={locked} className="dialog-grid">
        <SelectField label="Type" value={type} onChange={(v) => changeType(v as MapTypeName)}>
          {MAP_TYPE_CHOICES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </SelectField>
        <TextField label="Name" value={name} onChange={setName} problem={nameProblem} />
        <TextField label="Key size" value={keySize} onChange={setKeySize} problem={numProblem('keySize')} />
        <TextField label="Value size" value={valueSize} onChange={setValueSize} problem={numProblem('valueSize')} />
        <TextField label="Max entries" value={maxEntries} onChange={setMaxEntries} problem={numProblem('maxEntries')} />
        {type === 'bloom_filter' && (
          <TextField
            label="Hash functions (map extra)"
            value={mapExtra}
            onChange={setMapExtra}
            problem={numProblem('mapExtra')}
          />
        )}
        {needsInnerMap(type) && (
          <SelectField label="Inner map handle" value={inner} onChange={setInner} problem={innerProblem}>
            <HandleOptions handles={innerChoices} />
          </SelectField>
        )}
        <MapFlagsField flags={flags} onChange={setFlags} problem={rules.flags} />
      </fieldset>
      <TextField
        label="Pin at"
        value={pinPath}
        onChange={setPinPath}
        problem={pinProblem}
        placeholder="leave empty to keep only the handle"
        monospace
      />
    </DialogFrame>
  );
}

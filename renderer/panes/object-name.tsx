// A program's name as bpftool shows it (the whole name from BTF), with the kernel's 15-character name beside it
// when that one is cut.

interface Named {
  name: string;
  fullName?: string;
}

/** The name to show and sort by: the whole one when there is one. */
export function displayName(o: Named): string {
  return o.fullName ?? o.name;
}

/** Words for a screen reader and a filter: the whole name, and the kernel's when it differs. */
export function nameText(o: Named): string {
  return o.fullName === undefined ? o.name : `${o.fullName} (kernel name ${o.name})`;
}

export function ObjectName({ object }: { object: Named }) {
  if (object.fullName === undefined) return <>{object.name}</>;
  return (
    <>
      {object.fullName}{' '}
      <span className="kernel-name" title="The kernel keeps the first 15 characters of a name">
        (kernel: {object.name})
      </span>
    </>
  );
}

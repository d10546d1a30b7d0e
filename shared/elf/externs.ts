// libbpf's bpf_object__collect_externs, at open: every extern symbol (undefined, global or weak, no type) must
// have a BTF variable or function of its name declared extern, or the object is refused before anything loads.
import type { Btf } from '../btf/btf.js';
import type { BtfType } from '../btf/types.js';
import { BpfError } from '../errors.js';
import type { ElfFile } from './elf64.js';

const STB_GLOBAL = 1;
const STB_WEAK = 2;
const STT_NOTYPE = 0;
/** BTF_VAR_GLOBAL_EXTERN and BTF_FUNC_EXTERN. */
const EXTERN_LINKAGE = 2;

const HINT =
  "An extern (a kernel function, a __ksym or a .kconfig variable) needs its declaration in the object's BTF: " +
  'declare it with __ksym or __kconfig and compile with -g.';

/** Refuses the object as libbpf does when an extern has no BTF (ENOENT), no BTF at all (ESRCH) or a non-extern one. */
export function checkExterns(elf: ElfFile, btf: Btf | undefined): void {
  for (const sym of elf.symbols) {
    const isExtern = sym.shndx === 0 && (sym.bind === STB_GLOBAL || sym.bind === STB_WEAK) && sym.type === STT_NOTYPE;
    if (!isExtern || !sym.name) continue;
    if (!btf)
      throw new BpfError('ESRCH', `The object uses the extern "${sym.name}" but carries no BTF (ESRCH).`, {
        hint: HINT,
      });
    const decl = [...btf.findAllByName(sym.name, 'var'), ...btf.findAllByName(sym.name, 'func')]
      .sort((a, b) => a - b)
      .map((id) => btf.type(id))[0];
    if (!decl)
      throw new BpfError('ENOENT', `The object's BTF has no declaration of the extern "${sym.name}" (ENOENT).`, {
        hint: HINT,
      });
    if (!('linkage' in decl) || decl.linkage !== EXTERN_LINKAGE)
      throw new BpfError('EINVAL', `The extern "${sym.name}" is declared in BTF but not as an extern (EINVAL).`, {
        hint: HINT,
      });
    // find_extern_sec_btf_id: the declaration must sit in a DATASEC (.kconfig or .ksyms).
    const inSection = btf
      .findAllByName('.kconfig', 'datasec')
      .concat(btf.findAllByName('.ksyms', 'datasec'))
      .some((id) => {
        const sec = btf.type(id);
        return sec.kind === 'datasec' && sec.vars.some((v) => v.type === decl.id);
      });
    if (!inSection)
      throw new BpfError('ENOENT', `The extern "${sym.name}" is neither a __ksym nor a __kconfig (ENOENT).`, {
        hint: HINT,
      });
  }
}

export interface KsymHost {
  /** The running kernel's BTF, for typed __ksym variables. */
  kernelBtf?: (() => Btf | undefined) | undefined;
  /** Whether /proc/kallsyms names a symbol, for typeless __ksym variables (`extern const void x __ksym`). */
  kallsyms?: ((name: string) => boolean) | undefined;
}

/**
 * libbpf 1.1's bpf_object__resolve_externs for .ksyms variables, at load: typeless ones are looked up in
 * /proc/kallsyms, then typed ones in the kernel's BTF (a strong one missing there is EINVAL with this libbpf), then a
 * strong typeless one still unresolved is ESRCH. Weak ones may be missing. Kfuncs are not looked at here.
 */
export function checkKsyms(elf: ElfFile, btf: Btf | undefined, host: KsymHost): void {
  if (!btf) return;
  const sec = btf.findAllByName('.ksyms', 'datasec').map((id) => btf.type(id))[0];
  if (!sec || sec.kind !== 'datasec') return;
  const strong = sec.vars
    .map(({ type }) => btf.type(type))
    .filter((d) => d.kind === 'var')
    .filter((d) => !elf.symbols.some((s) => s.name === d.name && s.shndx === 0 && s.bind === STB_WEAK));
  const typeless = (d: BtfType): boolean => d.kind === 'var' && btf.resolve(d.type).kind === 'void';
  for (const d of strong.filter((x) => !typeless(x)))
    if ((host.kernelBtf?.()?.findAllByName(d.name, 'var').length ?? 0) === 0)
      throw new BpfError('EINVAL', `The kernel variable "${d.name}" (extern __ksym) is not in the kernel's BTF.`, {
        hint: "libbpf resolves typed __ksym variables against the kernel's BTF; declare it __weak to load without it.",
      });
  for (const d of strong.filter(typeless))
    if (host.kallsyms?.(d.name) !== true)
      throw new BpfError('ESRCH', `The kernel symbol "${d.name}" (extern __ksym) is not in /proc/kallsyms (ESRCH).`, {
        hint: 'libbpf resolves typeless __ksym variables from /proc/kallsyms; declare it __weak to load without it.',
      });
}

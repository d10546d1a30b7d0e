// libbpf's bpf_object__collect_externs, at open: every extern symbol (undefined, global or weak, no type) must
// have a BTF variable or function of its name declared extern, or the object is refused before anything loads.
import type { Btf } from '../btf/btf.js';
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
  }
}

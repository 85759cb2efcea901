// What can be read from an executable without running it: its format and CPU (ELF, Mach-O, PE
// headers), and the single executable application (SEA) blob postject injected into it, found
// where Node.js looks for it at startup: an ELF note named NODE_SEA_BLOB, the Mach-O section
// NODE_SEA,__NODE_SEA_BLOB, or the PE resource RT_RCDATA "NODE_SEA_BLOB".

export interface Executable {
    /** "ELF", "Mach-O" or "PE32+". */
    format: string;
    /** "x86-64" or "aarch64", from the header's machine or CPU type field. */
    cpu: string;
    /** The injected SEA blob, or undefined when there is none. */
    seaBlob: Buffer | undefined;
}

const SEA_NAME = "NODE_SEA_BLOB";

const cString = (bytes: Buffer) => bytes.toString("latin1").replace(/\0.*$/s, "");
const align4 = (size: number) => (size + 3) & ~3;

function elf(file: Buffer): Executable {
    if (file[4] !== 2 || file[5] !== 1) {
        throw new Error("not a 64-bit little-endian ELF file");
    }
    const machines: Record<number, string> = { 0x3e: "x86-64", 0xb7: "aarch64" };
    const machine = file.readUInt16LE(18);
    const phoff = Number(file.readBigUInt64LE(32));
    const phentsize = file.readUInt16LE(54);
    const phnum = file.readUInt16LE(56);
    let seaBlob: Buffer | undefined;
    for (let index = 0; index < phnum && seaBlob === undefined; index++) {
        const header = phoff + index * phentsize;
        if (file.readUInt32LE(header) !== 4 /* PT_NOTE */) {
            continue;
        }
        let position = Number(file.readBigUInt64LE(header + 8));
        const end = position + Number(file.readBigUInt64LE(header + 32));
        while (position + 12 <= end) {
            const nameSize = file.readUInt32LE(position);
            const descSize = file.readUInt32LE(position + 4);
            const name = cString(file.subarray(position + 12, position + 12 + nameSize));
            const desc = position + 12 + align4(nameSize);
            if (name === SEA_NAME) {
                seaBlob = file.subarray(desc, desc + descSize);
                break;
            }
            position = desc + align4(descSize);
        }
    }
    return { format: "ELF", cpu: machines[machine] ?? `machine 0x${machine.toString(16)}`, seaBlob };
}

function machO(file: Buffer): Executable {
    const cpus: Record<number, string> = { 0x01000007: "x86-64", 0x0100000c: "aarch64" };
    const cpuType = file.readUInt32LE(4);
    const commands = file.readUInt32LE(16);
    let seaBlob: Buffer | undefined;
    let command = 32;
    for (let index = 0; index < commands; index++) {
        const size = file.readUInt32LE(command + 4);
        if (file.readUInt32LE(command) === 0x19 /* LC_SEGMENT_64 */ && cString(file.subarray(command + 8, command + 24)) === "NODE_SEA") {
            const sections = file.readUInt32LE(command + 64);
            for (let section = command + 72; section < command + 72 + sections * 80; section += 80) {
                if (cString(file.subarray(section, section + 16)) === `__${SEA_NAME}`) {
                    const offset = file.readUInt32LE(section + 48);
                    seaBlob = file.subarray(offset, offset + Number(file.readBigUInt64LE(section + 40)));
                }
            }
        }
        command += size;
    }
    return { format: "Mach-O", cpu: cpus[cpuType] ?? `cputype 0x${cpuType.toString(16)}`, seaBlob };
}

function pe(file: Buffer): Executable {
    const signature = file.readUInt32LE(0x3c);
    if (file.toString("latin1", signature, signature + 4) !== "PE\0\0") {
        throw new Error("MZ header without a PE signature");
    }
    const coff = signature + 4;
    const machines: Record<number, string> = { 0x8664: "x86-64", 0xaa64: "aarch64" };
    const machine = file.readUInt16LE(coff);
    const sectionCount = file.readUInt16LE(coff + 2);
    const optional = coff + 20;
    const magic = file.readUInt16LE(optional);
    const format = magic === 0x20b ? "PE32+" : magic === 0x10b ? "PE32" : `PE magic 0x${magic.toString(16)}`;
    const sectionsAt = optional + file.readUInt16LE(coff + 16);
    /** A relative virtual address's offset in the file. */
    const offsetOf = (rva: number) => {
        for (let section = sectionsAt; section < sectionsAt + sectionCount * 40; section += 40) {
            const address = file.readUInt32LE(section + 12);
            if (rva >= address && rva < address + Math.max(file.readUInt32LE(section + 8), file.readUInt32LE(section + 16))) {
                return rva - address + file.readUInt32LE(section + 20);
            }
        }
        throw new Error(`RVA 0x${rva.toString(16)} in no section`);
    };
    let seaBlob: Buffer | undefined;
    // The resource table: data directory 2 of a PE32+ optional header (which has them from 112).
    const resourceRva = magic === 0x20b ? file.readUInt32LE(optional + 112 + 2 * 8) : 0;
    if (resourceRva !== 0) {
        const root = offsetOf(resourceRva);
        const entries = (directory: number) => {
            const count = file.readUInt16LE(directory + 12) + file.readUInt16LE(directory + 14);
            return Array.from({ length: count }, (_, index) => {
                const name = file.readUInt32LE(directory + 16 + index * 8);
                const target = file.readUInt32LE(directory + 16 + index * 8 + 4);
                const label =
                    name & 0x80000000
                        ? file.toString("utf16le", root + (name & 0x7fffffff) + 2, root + (name & 0x7fffffff) + 2 + 2 * file.readUInt16LE(root + (name & 0x7fffffff)))
                        : name;
                return { label, target: root + (target & 0x7fffffff), directory: (target & 0x80000000) !== 0 };
            });
        };
        const rcdata = entries(root).find((entry) => entry.label === 10 /* RT_RCDATA */ && entry.directory);
        const named = rcdata && entries(rcdata.target).find((entry) => entry.label === SEA_NAME && entry.directory);
        const language = named && entries(named.target)[0];
        if (language && !language.directory) {
            const data = offsetOf(file.readUInt32LE(language.target));
            seaBlob = file.subarray(data, data + file.readUInt32LE(language.target + 4));
        }
    }
    return { format, cpu: machines[machine] ?? `machine 0x${machine.toString(16)}`, seaBlob };
}

/** The executable's format, CPU and SEA blob, from its bytes. */
export function readExecutable(file: Buffer): Executable {
    if (file.readUInt32BE(0) === 0x7f454c46) {
        return elf(file);
    }
    if (file.readUInt32LE(0) === 0xfeedfacf) {
        return machO(file);
    }
    if (file.toString("latin1", 0, 2) === "MZ") {
        return pe(file);
    }
    throw new Error(`an unknown executable format (first bytes ${file.subarray(0, 4).toString("hex")})`);
}

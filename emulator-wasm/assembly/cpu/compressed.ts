// RV64C and Zcb (spec/cartesi-machine.md §2): each 16-bit instruction is expanded to the 32-bit instruction
// with the same effect, then executed by the common path. Zcb forms with no 32-bit base equivalent here
// (zext.h, zext.w, sext.b, sext.h: Zba/Zbb are not implemented) expand to an internal encoding under the
// custom-0 opcode that the 32-bit decoder accepts only from a 16-bit instruction. Returns 0 when illegal.

export const INTERNAL_OPCODE: u32 = 0x0b;
/**
 * Marker for an illegal 16-bit pattern in the expansion table: its opcode bits 6:2 (31) reach no case of the
 * fast loop's switch, so it always goes to the general path, which raises the illegal-instruction trap.
 */
export const RVC_ILLEGAL: u32 = 0xffffffff;
export const INTERNAL_ZEXT_H: u32 = 0;
export const INTERNAL_ZEXT_W: u32 = 1;
export const INTERNAL_SEXT_B: u32 = 2;
export const INTERNAL_SEXT_H: u32 = 3;

@inline function rType(funct7: u32, rs2: u32, rs1: u32, funct3: u32, rd: u32, opcode: u32): u32 {
  return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
}
@inline function iType(imm: i32, rs1: u32, funct3: u32, rd: u32, opcode: u32): u32 {
  return ((<u32>imm & 0xfff) << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
}
@inline function sType(imm: i32, rs2: u32, rs1: u32, funct3: u32, opcode: u32): u32 {
  const u = <u32>imm;
  return (((u >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((u & 31) << 7) | opcode;
}
@inline function bType(imm: i32, rs2: u32, rs1: u32, funct3: u32): u32 {
  const u = <u32>imm;
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) |
    (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
@inline function jType(imm: i32, rd: u32): u32 {
  const u = <u32>imm;
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
    (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}

@inline function signExtend(v: u32, bits: u32): i32 {
  return (<i32>(v << (32 - bits))) >> (32 - bits);
}

export function expandCompressed(c: u32): u32 {
  const quadrant = c & 3;
  const funct3 = (c >> 13) & 7;
  const rdP = 8 + ((c >> 2) & 7); // rd'/rs2' in bits 4:2
  const rs1P = 8 + ((c >> 7) & 7); // rs1'/rd' in bits 9:7
  const rd = (c >> 7) & 31;
  const rs2 = (c >> 2) & 31;
  if (quadrant == 0) {
    switch (funct3) {
      case 0: { // c.addi4spn
        const imm = ((c >> 7) & 0x30) | ((c >> 1) & 0x3c0) | ((c >> 4) & 4) | ((c >> 2) & 8);
        if (imm == 0) return 0;
        return iType(<i32>imm, 2, 0, rdP, 0x13);
      }
      case 1: return iType(<i32>(((c >> 7) & 0x38) | ((c << 1) & 0xc0)), rs1P, 3, rdP, 0x07); // c.fld
      case 2: return iType(<i32>(((c >> 7) & 0x38) | ((c >> 4) & 4) | ((c << 1) & 0x40)), rs1P, 2, rdP, 0x03); // c.lw
      case 3: return iType(<i32>(((c >> 7) & 0x38) | ((c << 1) & 0xc0)), rs1P, 3, rdP, 0x03); // c.ld
      case 4: { // Zcb loads and stores
        const funct6 = (c >> 10) & 0x3f;
        if (funct6 == 0x20) return iType(<i32>(((c >> 6) & 1) | ((c >> 4) & 2)), rs1P, 4, rdP, 0x03); // c.lbu
        if (funct6 == 0x21) {
          const imm = <i32>((c >> 4) & 2);
          return (c & 0x40) != 0 ? iType(imm, rs1P, 1, rdP, 0x03) /* c.lh */ : iType(imm, rs1P, 5, rdP, 0x03); // c.lhu
        }
        if (funct6 == 0x22) return sType(<i32>(((c >> 6) & 1) | ((c >> 4) & 2)), rdP, rs1P, 0, 0x23); // c.sb
        if (funct6 == 0x23 && (c & 0x40) == 0) return sType(<i32>((c >> 4) & 2), rdP, rs1P, 1, 0x23); // c.sh
        return 0;
      }
      case 5: return sType(<i32>(((c >> 7) & 0x38) | ((c << 1) & 0xc0)), rdP, rs1P, 3, 0x27); // c.fsd
      case 6: return sType(<i32>(((c >> 7) & 0x38) | ((c >> 4) & 4) | ((c << 1) & 0x40)), rdP, rs1P, 2, 0x23); // c.sw
      default: return sType(<i32>(((c >> 7) & 0x38) | ((c << 1) & 0xc0)), rdP, rs1P, 3, 0x23); // c.sd
    }
  }
  if (quadrant == 1) {
    const imm6 = signExtend(((c >> 7) & 0x20) | ((c >> 2) & 0x1f), 6);
    switch (funct3) {
      case 0: return iType(imm6, rd, 0, rd, 0x13); // c.addi (c.nop, hints)
      case 1: // c.addiw
        if (rd == 0) return 0;
        return iType(imm6, rd, 0, rd, 0x1b);
      case 2: return iType(imm6, 0, 0, rd, 0x13); // c.li
      case 3: {
        if (rd == 2) { // c.addi16sp
          const imm = signExtend(((c >> 3) & 0x200) | ((c >> 2) & 0x10) | ((c << 1) & 0x40) | ((c << 4) & 0x180) |
            ((c << 3) & 0x20), 10);
          if (imm == 0) return 0;
          return iType(imm, 2, 0, 2, 0x13);
        }
        if (imm6 == 0) return 0; // c.lui with nzimm = 0 is reserved
        return ((<u32>imm6 << 12) & 0xfffff000) | (rd << 7) | 0x37;
      }
      case 4: {
        const funct2 = (c >> 10) & 3;
        const shamt = ((c >> 7) & 0x20) | ((c >> 2) & 0x1f);
        if (funct2 == 0) return iType(<i32>shamt, rs1P, 5, rs1P, 0x13); // c.srli
        if (funct2 == 1) return iType(<i32>(shamt | 0x400), rs1P, 5, rs1P, 0x13); // c.srai
        if (funct2 == 2) return iType(imm6, rs1P, 7, rs1P, 0x13); // c.andi
        const op = (c >> 5) & 3;
        if ((c & 0x1000) == 0) {
          if (op == 0) return rType(0x20, rdP, rs1P, 0, rs1P, 0x33); // c.sub
          if (op == 1) return rType(0, rdP, rs1P, 4, rs1P, 0x33); // c.xor
          if (op == 2) return rType(0, rdP, rs1P, 6, rs1P, 0x33); // c.or
          return rType(0, rdP, rs1P, 7, rs1P, 0x33); // c.and
        }
        if (op == 0) return rType(0x20, rdP, rs1P, 0, rs1P, 0x3b); // c.subw
        if (op == 1) return rType(0, rdP, rs1P, 0, rs1P, 0x3b); // c.addw
        if (op == 2) return rType(1, rdP, rs1P, 0, rs1P, 0x33); // c.mul (Zcb)
        switch ((c >> 2) & 7) { // Zcb unary forms
          case 0: return iType(0xff, rs1P, 7, rs1P, 0x13); // c.zext.b = andi rd, rd, 255
          case 1: return rType(0, 0, rs1P, INTERNAL_SEXT_B, rs1P, INTERNAL_OPCODE);
          case 2: return rType(0, 0, rs1P, INTERNAL_ZEXT_H, rs1P, INTERNAL_OPCODE);
          case 3: return rType(0, 0, rs1P, INTERNAL_SEXT_H, rs1P, INTERNAL_OPCODE);
          case 4: return rType(0, 0, rs1P, INTERNAL_ZEXT_W, rs1P, INTERNAL_OPCODE);
          case 5: return iType(-1, rs1P, 4, rs1P, 0x13); // c.not = xori rd, rd, -1
          default: return 0;
        }
      }
      case 5: { // c.j
        const imm = signExtend(((c >> 1) & 0x800) | ((c >> 7) & 0x10) | ((c >> 1) & 0x300) | ((c << 2) & 0x400) |
          ((c >> 1) & 0x40) | ((c << 1) & 0x80) | ((c >> 2) & 0xe) | ((c << 3) & 0x20), 12);
        return jType(imm, 0);
      }
      default: { // c.beqz / c.bnez
        const imm = signExtend(((c >> 4) & 0x100) | ((c >> 7) & 0x18) | ((c << 1) & 0xc0) | ((c >> 2) & 6) |
          ((c << 3) & 0x20), 9);
        return bType(imm, 0, rs1P, funct3 == 6 ? 0 : 1);
      }
    }
  }
  // quadrant 2
  switch (funct3) {
    case 0: return iType(<i32>(((c >> 7) & 0x20) | rs2), rd, 1, rd, 0x13); // c.slli
    case 1: return iType(<i32>(((c >> 7) & 0x20) | ((c >> 2) & 0x18) | ((c << 4) & 0x1c0)), 2, 3, rd, 0x07); // c.fldsp
    case 2: // c.lwsp
      if (rd == 0) return 0;
      return iType(<i32>(((c >> 7) & 0x20) | ((c >> 2) & 0x1c) | ((c << 4) & 0xc0)), 2, 2, rd, 0x03);
    case 3: // c.ldsp
      if (rd == 0) return 0;
      return iType(<i32>(((c >> 7) & 0x20) | ((c >> 2) & 0x18) | ((c << 4) & 0x1c0)), 2, 3, rd, 0x03);
    case 4:
      if ((c & 0x1000) == 0) {
        if (rs2 == 0) {
          if (rd == 0) return 0;
          return iType(0, rd, 0, 0, 0x67); // c.jr
        }
        return rType(0, rs2, 0, 0, rd, 0x33); // c.mv
      }
      if (rs2 == 0) {
        if (rd == 0) return 0x00100073; // c.ebreak
        return iType(0, rd, 0, 1, 0x67); // c.jalr
      }
      return rType(0, rs2, rd, 0, rd, 0x33); // c.add
    case 5: return sType(<i32>(((c >> 7) & 0x38) | ((c >> 1) & 0x1c0)), rs2, 2, 3, 0x27); // c.fsdsp
    case 6: return sType(<i32>(((c >> 7) & 0x3c) | ((c >> 1) & 0xc0)), rs2, 2, 2, 0x23); // c.swsp
    default: return sType(<i32>(((c >> 7) & 0x38) | ((c >> 1) & 0x1c0)), rs2, 2, 3, 0x23); // c.sdsp
  }
}

# A compute-bound bare-metal loop for the emulator benchmark: loads, stores, ALU, shifts, a compressed
# instruction and a branch per iteration; halts through HTIF with payload 0.
.globl _start
_start:
  li t0, 0x40008000
  li s0, 40000000
  li a0, 0
  li a1, 0x80100000
1:
  ld a2, 0(a1)
  add a0, a0, a2
  xor a0, a0, s0
  slli a3, a0, 3
  srli a3, a3, 5
  mul a4, a3, a0
  add a0, a0, a4
  sd a0, 8(a1)
  c.addi s0, -1
  bnez s0, 1b
  li t1, 1
  sd t1, 0(t0)
2: j 2b

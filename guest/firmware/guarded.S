/* Memory accesses that may fault, made from M-mode on behalf of S or U (misaligned-access emulation)
 * or on physical addresses given by S (SBI DBCN). With MPRV set, loads and stores are translated and
 * checked with the privilege in mstatus.MPP (the interrupted mode), as the privileged spec §3.1.6.3
 * describes; MXR lets an instruction fetch read execute-only pages.
 *
 * A fault inside the access enters guard_catch through a temporary mtvec: it records mcause and mtval
 * in the caller's struct guard_fault and returns 0 from the accessor (these accessors are leaves that
 * keep ra and sp untouched, so returning through ra is safe). Such a nested trap overwrites mepc and
 * mstatus.MPP/MPIE; trap_entry restores them from the frame before mret.
 *
 *   struct guard_fault { u64 faulted; u64 cause; u64 tval; }
 * Register use: t1 = saved mtvec, t2 = mstatus bits set for the access, t3 = struct guard_fault *. */

#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_MXR (1 << 19)

.macro GUARD_BEGIN fault_reg, bits
  mv t3, \fault_reg
  csrr t1, mtvec
  la t2, guard_catch
  csrw mtvec, t2
  li t2, \bits
  csrs mstatus, t2
.endm

.macro GUARD_END
  csrc mstatus, t2
  csrw mtvec, t1
  ret
.endm

  .text
  .balign 4
guard_catch:
  csrc mstatus, t2
  csrw mtvec, t1
  li t4, 1
  sd t4, 0(t3)
  csrr t4, mcause
  sd t4, 8(t3)
  csrr t4, mtval
  sd t4, 16(t3)
  li a0, 0
  ret

/* u64 guest_load_u8(u64 vaddr, struct guard_fault *fault) */
  .globl guest_load_u8
guest_load_u8:
  GUARD_BEGIN a1, MSTATUS_MPRV
  lbu a0, 0(a0)
  GUARD_END

/* void guest_store_u8(u64 vaddr, u64 value, struct guard_fault *fault) */
  .globl guest_store_u8
guest_store_u8:
  GUARD_BEGIN a2, MSTATUS_MPRV
  sb a1, 0(a0)
  GUARD_END

/* u64 guest_fetch_u16(u64 vaddr, struct guard_fault *fault): reads an instruction parcel;
 * vaddr is 2-byte aligned (C extension), so the halfword load itself never misaligns. */
  .globl guest_fetch_u16
guest_fetch_u16:
  GUARD_BEGIN a1, (MSTATUS_MPRV | MSTATUS_MXR)
  lhu a0, 0(a0)
  GUARD_END

/* u64 phys_load_u8(u64 paddr, struct guard_fault *fault) */
  .globl phys_load_u8
phys_load_u8:
  GUARD_BEGIN a1, 0
  lbu a0, 0(a0)
  GUARD_END

/* void phys_store_u8(u64 paddr, u64 value, struct guard_fault *fault) */
  .globl phys_store_u8
phys_store_u8:
  GUARD_BEGIN a2, 0
  sb a1, 0(a0)
  GUARD_END

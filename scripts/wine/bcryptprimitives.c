/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8.0 does not have: every Windows
 * binary built by Rust 1.78 or later imports ProcessPrng from it for its random numbers
 * (hash map seeds). This one fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. Only for running tests under Wine; real Windows 10
 * and later ship the genuine DLL.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -Wl,--kill-at -o bcryptprimitives.dll \
 *       bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a 32-bit length: fill larger buffers in pieces. */
    while (length > 0) {
        ULONG piece = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, piece))
            return FALSE;
        data += piece;
        length -= piece;
    }
    return TRUE;
}

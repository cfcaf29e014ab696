/* An OSC host written in C, independent of the Rust crate: it finds a provider the way Outlook
 * does (the SocialProviders key, the ProgID, CLSIDFromProgID, CoCreateInstance), calls every
 * method of the five provider interfaces with real BSTRs and SAFEARRAYs, checks each HRESULT
 * and out-parameter against what the Contoso example provider must answer, and writes every
 * XML answer to a file for `oscx validate`.
 *
 * The interfaces below are declared by hand from Microsoft's documentation of the OSC
 * interfaces and socialprovider.h (IIDs, slot order, signatures), not from the crate's own
 * declarations, so that a slot or IID the crate gets wrong shows here.
 *
 *   osc_host.exe PROGID DIR
 *
 * DIR holds the inputs (request.xml: the hashedAddresses request for GetPeopleDetails;
 * hashes.txt: hashed addresses for GetActivitiesEx, one a line) and receives the answers
 * (METHOD[-WHO].xml, UTF-8). Prints one line per unexpected result and the counts; exits 0 only
 * when every call answered as expected.
 */
#include <windows.h>
#include <objbase.h>
#include <oleauto.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* ---- The interfaces, from the documentation ------------------------------------------- */

typedef struct ISocialProvider ISocialProvider;
typedef struct ISocialSession ISocialSession;
typedef struct ISocialSession2 ISocialSession2;
typedef struct ISocialPerson ISocialPerson;
typedef struct ISocialProfile ISocialProfile;

#define UNKNOWN_SLOTS(T)                                                      \
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(T * self, REFIID iid, void **out); \
    ULONG(STDMETHODCALLTYPE *AddRef)(T * self);                               \
    ULONG(STDMETHODCALLTYPE *Release)(T * self);

typedef struct {
    UNKNOWN_SLOTS(ISocialProvider)
    HRESULT(STDMETHODCALLTYPE *GetCapabilities)(ISocialProvider *self, BSTR *capabilities);
    HRESULT(STDMETHODCALLTYPE *get_Version)(ISocialProvider *self, BSTR *version);
    HRESULT(STDMETHODCALLTYPE *GetSession)(ISocialProvider *self, ISocialSession **session);
    HRESULT(STDMETHODCALLTYPE *GetAutoConfiguredSession)(ISocialProvider *self,
                                                          ISocialSession **session);
    HRESULT(STDMETHODCALLTYPE *get_DefaultSiteUrls)(ISocialProvider *self, SAFEARRAY **urls);
    HRESULT(STDMETHODCALLTYPE *get_SocialNetworkIcon)(ISocialProvider *self, SAFEARRAY **icon);
    HRESULT(STDMETHODCALLTYPE *get_SocialNetworkName)(ISocialProvider *self, BSTR *name);
    HRESULT(STDMETHODCALLTYPE *get_SocialNetworkGuid)(ISocialProvider *self, GUID *guid);
    HRESULT(STDMETHODCALLTYPE *GetStatusSettings)(ISocialProvider *self, BSTR *status_default,
                                                   INT *max_status_length);
    HRESULT(STDMETHODCALLTYPE *Load)(ISocialProvider *self, BSTR interface_version,
                                      BSTR language_tag);
} ISocialProviderVtbl;
struct ISocialProvider { const ISocialProviderVtbl *lpVtbl; };

typedef struct {
    UNKNOWN_SLOTS(ISocialSession)
    HRESULT(STDMETHODCALLTYPE *Logon)(ISocialSession *self, BSTR user_name, BSTR password);
    HRESULT(STDMETHODCALLTYPE *put_SiteUrl)(ISocialSession *self, BSTR url);
    HRESULT(STDMETHODCALLTYPE *LogonWeb)(ISocialSession *self, BSTR connect_in,
                                          BSTR *connect_out);
    HRESULT(STDMETHODCALLTYPE *GetLogonUrl)(ISocialSession *self, BSTR *url);
    HRESULT(STDMETHODCALLTYPE *GetNetworkIdentifier)(ISocialSession *self, BSTR *identifier);
    HRESULT(STDMETHODCALLTYPE *GetLoggedOnUser)(ISocialSession *self, ISocialProfile **user);
    HRESULT(STDMETHODCALLTYPE *get_LoggedOnUserID)(ISocialSession *self, BSTR *user_id);
    HRESULT(STDMETHODCALLTYPE *get_LoggedOnUserName)(ISocialSession *self, BSTR *user_name);
    HRESULT(STDMETHODCALLTYPE *GetPerson)(ISocialSession *self, BSTR user_id,
                                           ISocialPerson **person);
    HRESULT(STDMETHODCALLTYPE *FindPerson)(ISocialSession *self, BSTR user_id, BSTR *result);
    HRESULT(STDMETHODCALLTYPE *GetActivities)(ISocialSession *self, SAFEARRAY *email_addresses,
                                               DATE start_time, BSTR *activities);
    HRESULT(STDMETHODCALLTYPE *FollowPerson)(ISocialSession *self, BSTR email_address);
    HRESULT(STDMETHODCALLTYPE *UnFollowPerson)(ISocialSession *self, BSTR user_id);
} ISocialSessionVtbl;
struct ISocialSession { const ISocialSessionVtbl *lpVtbl; };

typedef struct {
    UNKNOWN_SLOTS(ISocialSession2)
    HRESULT(STDMETHODCALLTYPE *GetPeopleDetails)(ISocialSession2 *self, BSTR persons_addresses,
                                                  BSTR *persons_collection);
    HRESULT(STDMETHODCALLTYPE *GetActivitiesEx)(ISocialSession2 *self,
                                                 SAFEARRAY *hashed_addresses, DATE start_time,
                                                 BSTR *activities);
    HRESULT(STDMETHODCALLTYPE *FollowPersonEx)(ISocialSession2 *self, SAFEARRAY *email_addresses,
                                                BSTR display_name);
    HRESULT(STDMETHODCALLTYPE *LogonCached)(ISocialSession2 *self, BSTR connect_in,
                                             BSTR user_name, BSTR password, BSTR *connect_out);
} ISocialSession2Vtbl;
struct ISocialSession2 { const ISocialSession2Vtbl *lpVtbl; };

/* ISocialPerson's six methods; ISocialProfile's vtable starts with them. */
#define PERSON_SLOTS(T)                                                                  \
    HRESULT(STDMETHODCALLTYPE *GetActivities)(T * self, DATE start_time, BSTR *activities); \
    HRESULT(STDMETHODCALLTYPE *GetFriendsAndColleagues)(T * self, BSTR *persons);         \
    HRESULT(STDMETHODCALLTYPE *GetFriendsAndColleaguesIDs)(T * self, SAFEARRAY **ids);    \
    HRESULT(STDMETHODCALLTYPE *GetPicture)(T * self, SAFEARRAY **picture);                \
    HRESULT(STDMETHODCALLTYPE *GetStatus)(T * self, BSTR *status);                        \
    HRESULT(STDMETHODCALLTYPE *GetDetails)(T * self, BSTR *details);

typedef struct {
    UNKNOWN_SLOTS(ISocialPerson)
    PERSON_SLOTS(ISocialPerson)
} ISocialPersonVtbl;
struct ISocialPerson { const ISocialPersonVtbl *lpVtbl; };

typedef struct {
    UNKNOWN_SLOTS(ISocialProfile)
    PERSON_SLOTS(ISocialProfile)
    HRESULT(STDMETHODCALLTYPE *AreFriendsOrColleagues)(ISocialProfile *self, SAFEARRAY *user_ids,
                                                        SAFEARRAY **results);
    HRESULT(STDMETHODCALLTYPE *GetActivitiesOfFriendsAndColleagues)(ISocialProfile *self,
                                                                     DATE start_time,
                                                                     BSTR *activities);
    HRESULT(STDMETHODCALLTYPE *SetStatus)(ISocialProfile *self, BSTR status);
} ISocialProfileVtbl;
struct ISocialProfile { const ISocialProfileVtbl *lpVtbl; };

static const IID IID_ISocialProvider_ = {
    0x90D17471, 0x0E8E, 0x415b, {0xAD, 0xE0, 0x8B, 0x41, 0x4C, 0xB3, 0xB9, 0x6E}};
static const IID IID_ISocialSession_ = {
    0x5AFE10C7, 0xCAB3, 0x4b77, {0x89, 0xC9, 0x2E, 0x4F, 0xD6, 0x2E, 0x7A, 0x1F}};
static const IID IID_ISocialSession2_ = {
    0x33A54789, 0x8C4E, 0x4b56, {0x84, 0x52, 0xEE, 0x3E, 0x0D, 0xBB, 0x03, 0x72}};
static const IID IID_ISocialPerson_ = {
    0xB252A037, 0x5455, 0x429d, {0xA3, 0x80, 0xB5, 0xE9, 0xAD, 0xA3, 0xD4, 0x23}};
static const IID IID_ISocialProfile_ = {
    0x359702A5, 0x52C8, 0x4eda, {0xB9, 0xD0, 0x47, 0xD9, 0x51, 0x74, 0x05, 0x7A}};

/* MAKE_HRESULT(SEVERITY_ERROR, FACILITY_ITF, code) */
#define OSC_E_INTERNAL_ERROR ((HRESULT)0x80041400L)
#define OSC_E_VERSION ((HRESULT)0x80041401L)
#define OSC_E_AUTH_ERROR ((HRESULT)0x80041404L)
#define OSC_E_NOT_FOUND ((HRESULT)0x80041405L)
#define OSC_E_NO_CHANGES ((HRESULT)0x80041406L)

static const wchar_t SOCIAL_PROVIDERS[] =
    L"Software\\Microsoft\\Office\\Outlook\\SocialConnector\\SocialProviders";

/* ---- What the Contoso example provider holds (examples/contoso_provider/) --------------- */

#define ACCOUNT_USER L"mia@contoso.example"
#define ACCOUNT_PASSWORD L"correct horse \x00b7 battery staple"
#define PANIC_USER L"panic@contoso.example"
#define SITE_URL L"https://social.contoso.example/"
#define LOGON_URL L"https://social.contoso.example/osc/logon"
static const GUID NETWORK_GUID = {
    0x3c6e52d1, 0x8a0f, 0x4b7e, {0x9d, 0x21, 0x5f, 0x4a, 0x0c, 0x8e, 0xb7, 0x13}};
/* OLE automation dates (days since 1899-12-30): 2024-01-01, before every post; 2030-01-01,
 * after all of them. */
#define BEFORE_POSTS 45292.0
#define AFTER_POSTS 47484.0
/* Out-parameters are set to this before each call: a provider must overwrite them, with
 * NULL when it fails. */
#define UNTOUCHED ((void *)(ULONG_PTR)0x0BADF00D)

/* ---- Calls, checks and counts ----------------------------------------------------------- */

static const char *const METHODS[] = {
    "ISocialProvider::GetCapabilities", "ISocialProvider::get_Version",
    "ISocialProvider::GetSession", "ISocialProvider::GetAutoConfiguredSession",
    "ISocialProvider::get_DefaultSiteUrls", "ISocialProvider::get_SocialNetworkIcon",
    "ISocialProvider::get_SocialNetworkName", "ISocialProvider::get_SocialNetworkGuid",
    "ISocialProvider::GetStatusSettings", "ISocialProvider::Load",
    "ISocialSession::Logon", "ISocialSession::put_SiteUrl", "ISocialSession::LogonWeb",
    "ISocialSession::GetLogonUrl", "ISocialSession::GetNetworkIdentifier",
    "ISocialSession::GetLoggedOnUser", "ISocialSession::get_LoggedOnUserID",
    "ISocialSession::get_LoggedOnUserName", "ISocialSession::GetPerson",
    "ISocialSession::FindPerson", "ISocialSession::GetActivities",
    "ISocialSession::FollowPerson", "ISocialSession::UnFollowPerson",
    "ISocialSession2::GetPeopleDetails", "ISocialSession2::GetActivitiesEx",
    "ISocialSession2::FollowPersonEx", "ISocialSession2::LogonCached",
    "ISocialPerson::GetActivities", "ISocialPerson::GetFriendsAndColleagues",
    "ISocialPerson::GetFriendsAndColleaguesIDs", "ISocialPerson::GetPicture",
    "ISocialPerson::GetStatus", "ISocialPerson::GetDetails",
    "ISocialProfile::GetActivities", "ISocialProfile::GetFriendsAndColleagues",
    "ISocialProfile::GetFriendsAndColleaguesIDs", "ISocialProfile::GetPicture",
    "ISocialProfile::GetStatus", "ISocialProfile::GetDetails",
    "ISocialProfile::AreFriendsOrColleagues",
    "ISocialProfile::GetActivitiesOfFriendsAndColleagues", "ISocialProfile::SetStatus",
};
#define METHOD_COUNT (sizeof METHODS / sizeof METHODS[0])
static int method_called[METHOD_COUNT];
static unsigned calls, unexpected, answers_written;
static const wchar_t *out_dir;

static void fail(const char *what, const char *why)
{
    unexpected++;
    printf("unexpected: %s: %s\n", what, why);
}

/* Records a call of `method` (one of METHODS) that answered `got`, and checks it against
 * `want`. Returns whether it matched. */
static int call(const char *method, HRESULT got, HRESULT want)
{
    size_t i;
    calls++;
    for (i = 0; i < METHOD_COUNT; i++)
        if (strcmp(METHODS[i], method) == 0)
            method_called[i] = 1;
    if (got != want) {
        unexpected++;
        printf("unexpected: %s answered 0x%08lX, expected 0x%08lX\n", method,
               (unsigned long)got, (unsigned long)want);
        return 0;
    }
    return 1;
}

static void check(const char *what, int ok, const char *why)
{
    if (!ok)
        fail(what, why);
}

/* A failed call must leave its out-pointer NULL. */
static void check_cleared(const char *method, HRESULT hr, const void *out)
{
    if (FAILED(hr))
        check(method, out == NULL, "a failing call left its out-parameter set");
}

/* A BSTR from the provider: non-NULL, its length prefix agrees with its NUL terminator. */
static int check_bstr(const char *method, BSTR text)
{
    if (text == NULL || text == UNTOUCHED) {
        fail(method, "no string returned");
        return 0;
    }
    if (SysStringLen(text) != wcslen(text)) {
        fail(method, "the BSTR's length prefix disagrees with its terminator");
        return 0;
    }
    return 1;
}

static void check_text(const char *method, BSTR text, const wchar_t *want)
{
    if (check_bstr(method, text) && wcscmp(text, want) != 0) {
        char got[256];
        WideCharToMultiByte(CP_UTF8, 0, text, -1, got, sizeof got, NULL, NULL);
        got[sizeof got - 1] = 0;
        unexpected++;
        printf("unexpected: %s answered \"%s\"\n", method, got);
    }
}

static void free_bstr(BSTR text)
{
    if (text != NULL && text != UNTOUCHED)
        SysFreeString(text);
}

/* Writes an XML answer to DIR/NAME.xml in UTF-8, after checking it is a BSTR. */
static void save_xml(const char *method, const wchar_t *name, BSTR xml)
{
    wchar_t path[MAX_PATH];
    char *utf8;
    int size;
    HANDLE file;
    DWORD written;
    if (!check_bstr(method, xml))
        return;
    _snwprintf(path, MAX_PATH, L"%ls\\%ls.xml", out_dir, name);
    path[MAX_PATH - 1] = 0;
    size = WideCharToMultiByte(CP_UTF8, 0, xml, (int)SysStringLen(xml), NULL, 0, NULL, NULL);
    utf8 = HeapAlloc(GetProcessHeap(), 0, size > 0 ? size : 1);
    WideCharToMultiByte(CP_UTF8, 0, xml, (int)SysStringLen(xml), utf8, size, NULL, NULL);
    file = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE || !WriteFile(file, utf8, (DWORD)size, &written, NULL)) {
        fail(method, "could not write the answer to a file");
    } else {
        answers_written++;
    }
    if (file != INVALID_HANDLE_VALUE)
        CloseHandle(file);
    HeapFree(GetProcessHeap(), 0, utf8);
}

/* A provider's SAFEARRAY: one dimension, lower bound 0, elements of type `vt`. Returns the
 * element count, or -1 after saying what is wrong. */
static long check_array(const char *method, SAFEARRAY *array, VARTYPE vt)
{
    VARTYPE got = VT_EMPTY;
    LONG lower = 0, upper = -1;
    if (array == NULL || array == UNTOUCHED) {
        fail(method, "no SAFEARRAY returned");
        return -1;
    }
    if (SafeArrayGetDim(array) != 1) {
        fail(method, "the SAFEARRAY does not have one dimension");
        return -1;
    }
    if (FAILED(SafeArrayGetVartype(array, &got)) || got != vt) {
        fail(method, "the SAFEARRAY's elements are of another type");
        return -1;
    }
    SafeArrayGetLBound(array, 1, &lower);
    SafeArrayGetUBound(array, 1, &upper);
    if (lower != 0) {
        fail(method, "the SAFEARRAY does not start at index 0");
        return -1;
    }
    return upper - lower + 1;
}

static void destroy_array(SAFEARRAY *array)
{
    if (array != NULL && array != UNTOUCHED)
        SafeArrayDestroy(array);
}

/* A SAFEARRAY(BSTR) to pass in, made by oleaut32 like the OSC's. */
static SAFEARRAY *string_array(const wchar_t *const *items, LONG count)
{
    SAFEARRAY *array = SafeArrayCreateVector(VT_BSTR, 0, (ULONG)count);
    LONG i;
    for (i = 0; i < count; i++) {
        BSTR item = SysAllocString(items[i]);
        SafeArrayPutElement(array, &i, item);
        SysFreeString(item);
    }
    return array;
}

/* A PNG picture in a SAFEARRAY(unsigned char). */
static void check_png(const char *method, SAFEARRAY *array)
{
    static const unsigned char SIGNATURE[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    long count = check_array(method, array, VT_UI1);
    unsigned char *bytes;
    if (count < 0)
        return;
    if (count < 8 || FAILED(SafeArrayAccessData(array, (void **)&bytes))) {
        fail(method, "no picture bytes");
        return;
    }
    check(method, memcmp(bytes, SIGNATURE, 8) == 0, "the bytes are not a PNG picture");
    SafeArrayUnaccessData(array);
}

/* A whole UTF-8 file of DIR as a BSTR (NULL when it cannot be read). */
static BSTR read_input(const wchar_t *name)
{
    wchar_t path[MAX_PATH];
    HANDLE file;
    DWORD size, got = 0;
    char *bytes;
    BSTR text = NULL;
    int length;
    _snwprintf(path, MAX_PATH, L"%ls\\%ls", out_dir, name);
    path[MAX_PATH - 1] = 0;
    file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE)
        return NULL;
    size = GetFileSize(file, NULL);
    bytes = HeapAlloc(GetProcessHeap(), 0, size + 1);
    if (ReadFile(file, bytes, size, &got, NULL) && got == size) {
        length = MultiByteToWideChar(CP_UTF8, 0, bytes, (int)size, NULL, 0);
        text = SysAllocStringLen(NULL, (UINT)length);
        MultiByteToWideChar(CP_UTF8, 0, bytes, (int)size, text, length);
    }
    HeapFree(GetProcessHeap(), 0, bytes);
    CloseHandle(file);
    return text;
}

/* The lines of DIR/hashes.txt as a SAFEARRAY(BSTR). */
static SAFEARRAY *read_hashes(void)
{
    BSTR text = read_input(L"hashes.txt");
    wchar_t *lines[64], *at;
    LONG count = 0;
    SAFEARRAY *array;
    if (text == NULL)
        return NULL;
    /* Split in place at line ends, skipping empty lines. */
    for (at = text; *at != 0 && count < 64;) {
        size_t length = wcscspn(at, L"\r\n");
        if (length > 0)
            lines[count++] = at;
        at += length;
        while (*at == L'\r' || *at == L'\n')
            *at++ = 0;
    }
    array = string_array((const wchar_t *const *)lines, count);
    SysFreeString(text);
    return array;
}

/* ---- The five interfaces, method by method ---------------------------------------------- */

static void drive_person(ISocialPerson *person, const wchar_t *who)
{
    BSTR text = UNTOUCHED;
    SAFEARRAY *array = UNTOUCHED;
    IUnknown *other = UNTOUCHED;
    wchar_t name[64];
    HRESULT hr;

    hr = person->lpVtbl->GetActivities(person, BEFORE_POSTS, &text);
    call("ISocialPerson::GetActivities", hr, E_NOTIMPL);
    check_cleared("ISocialPerson::GetActivities", hr, text);

    text = UNTOUCHED;
    hr = person->lpVtbl->GetFriendsAndColleagues(person, &text);
    _snwprintf(name, 64, L"GetFriendsAndColleagues-%ls", who);
    if (call("ISocialPerson::GetFriendsAndColleagues", hr, S_OK))
        save_xml("ISocialPerson::GetFriendsAndColleagues", name, text);
    free_bstr(text);

    hr = person->lpVtbl->GetFriendsAndColleaguesIDs(person, &array);
    call("ISocialPerson::GetFriendsAndColleaguesIDs", hr, E_NOTIMPL);
    check_cleared("ISocialPerson::GetFriendsAndColleaguesIDs", hr, array);

    array = UNTOUCHED;
    hr = person->lpVtbl->GetPicture(person, &array);
    if (call("ISocialPerson::GetPicture", hr, S_OK))
        check_png("ISocialPerson::GetPicture", array);
    destroy_array(array);

    text = UNTOUCHED;
    hr = person->lpVtbl->GetStatus(person, &text);
    call("ISocialPerson::GetStatus", hr, E_NOTIMPL);
    check_cleared("ISocialPerson::GetStatus", hr, text);

    text = UNTOUCHED;
    hr = person->lpVtbl->GetDetails(person, &text);
    _snwprintf(name, 64, L"GetDetails-%ls", who);
    if (call("ISocialPerson::GetDetails", hr, S_OK))
        save_xml("ISocialPerson::GetDetails", name, text);
    free_bstr(text);

    /* A person who is not the logged-on user is no profile. */
    hr = person->lpVtbl->QueryInterface(person, &IID_ISocialProfile_, (void **)&other);
    check("ISocialPerson::QueryInterface(ISocialProfile)", hr == E_NOINTERFACE,
          "a person answers ISocialProfile");
    check_cleared("ISocialPerson::QueryInterface(ISocialProfile)", hr, other);
    if (SUCCEEDED(hr))
        other->lpVtbl->Release(other);
}

static void drive_profile(ISocialProfile *profile)
{
    BSTR text = UNTOUCHED;
    SAFEARRAY *array = UNTOUCHED;
    ISocialPerson *person = UNTOUCHED;
    static const wchar_t *const IDS[] = {L"contoso-ben", L"contoso-nobody"};
    SAFEARRAY *ids;
    VARIANT_BOOL *answers;
    HRESULT hr;

    /* The six inherited methods, through the profile's own vtable. */
    hr = profile->lpVtbl->GetActivities(profile, BEFORE_POSTS, &text);
    call("ISocialProfile::GetActivities", hr, E_NOTIMPL);
    check_cleared("ISocialProfile::GetActivities", hr, text);

    text = UNTOUCHED;
    hr = profile->lpVtbl->GetFriendsAndColleagues(profile, &text);
    if (call("ISocialProfile::GetFriendsAndColleagues", hr, S_OK))
        save_xml("ISocialProfile::GetFriendsAndColleagues", L"GetFriendsAndColleagues-profile",
                 text);
    free_bstr(text);

    hr = profile->lpVtbl->GetFriendsAndColleaguesIDs(profile, &array);
    call("ISocialProfile::GetFriendsAndColleaguesIDs", hr, E_NOTIMPL);
    check_cleared("ISocialProfile::GetFriendsAndColleaguesIDs", hr, array);

    array = UNTOUCHED;
    hr = profile->lpVtbl->GetPicture(profile, &array);
    if (call("ISocialProfile::GetPicture", hr, S_OK))
        check_png("ISocialProfile::GetPicture", array);
    destroy_array(array);

    text = UNTOUCHED;
    hr = profile->lpVtbl->GetStatus(profile, &text);
    call("ISocialProfile::GetStatus", hr, E_NOTIMPL);
    check_cleared("ISocialProfile::GetStatus", hr, text);

    text = UNTOUCHED;
    hr = profile->lpVtbl->GetDetails(profile, &text);
    if (call("ISocialProfile::GetDetails", hr, S_OK))
        save_xml("ISocialProfile::GetDetails", L"GetDetails-profile", text);
    free_bstr(text);

    /* Its own three. */
    ids = string_array(IDS, 2);
    array = UNTOUCHED;
    hr = profile->lpVtbl->AreFriendsOrColleagues(profile, ids, &array);
    if (call("ISocialProfile::AreFriendsOrColleagues", hr, S_OK) &&
        check_array("ISocialProfile::AreFriendsOrColleagues", array, VT_BOOL) == 2 &&
        SUCCEEDED(SafeArrayAccessData(array, (void **)&answers))) {
        check("ISocialProfile::AreFriendsOrColleagues",
              answers[0] == VARIANT_TRUE && answers[1] == VARIANT_FALSE,
              "expected VARIANT_TRUE for a friend and VARIANT_FALSE for a stranger");
        SafeArrayUnaccessData(array);
    }
    destroy_array(array);
    SafeArrayDestroy(ids);

    text = UNTOUCHED;
    hr = profile->lpVtbl->GetActivitiesOfFriendsAndColleagues(profile, BEFORE_POSTS, &text);
    call("ISocialProfile::GetActivitiesOfFriendsAndColleagues", hr, E_NOTIMPL);
    check_cleared("ISocialProfile::GetActivitiesOfFriendsAndColleagues", hr, text);

    text = SysAllocString(L"Out of office");
    hr = profile->lpVtbl->SetStatus(profile, text);
    call("ISocialProfile::SetStatus", hr, E_NOTIMPL);
    SysFreeString(text);

    /* A profile is a person too. */
    hr = profile->lpVtbl->QueryInterface(profile, &IID_ISocialPerson_, (void **)&person);
    check("ISocialProfile::QueryInterface(ISocialPerson)", hr == S_OK && person != NULL,
          "the profile does not answer ISocialPerson");
    if (SUCCEEDED(hr) && person != NULL && person != UNTOUCHED)
        person->lpVtbl->Release(person);
}

static void drive_session2(ISocialSession2 *session2)
{
    BSTR in, user, password, token = UNTOUCHED, again = UNTOUCHED, text = UNTOUCHED;
    SAFEARRAY *hashes, *emails;
    static const wchar_t *const FARID[] = {L"farid@contoso.example"};
    HRESULT hr;

    in = SysAllocString(L"");
    user = SysAllocString(ACCOUNT_USER);
    password = SysAllocString(ACCOUNT_PASSWORD);
    hr = session2->lpVtbl->LogonCached(session2, in, user, password, &token);
    if (call("ISocialSession2::LogonCached", hr, S_OK) &&
        check_bstr("ISocialSession2::LogonCached", token)) {
        /* The second time, the data the first answered logs on without a password. */
        SysFreeString(user);
        SysFreeString(password);
        user = SysAllocString(L"");
        password = SysAllocString(L"");
        hr = session2->lpVtbl->LogonCached(session2, token, user, password, &again);
        if (call("ISocialSession2::LogonCached", hr, S_OK))
            check_text("ISocialSession2::LogonCached", again, token);
        free_bstr(again);
    }
    free_bstr(token);
    SysFreeString(in);
    SysFreeString(user);
    SysFreeString(password);

    in = read_input(L"request.xml");
    check("request.xml", in != NULL, "cannot read the hashedAddresses request");
    hr = session2->lpVtbl->GetPeopleDetails(session2, in, &text);
    if (call("ISocialSession2::GetPeopleDetails", hr, S_OK))
        save_xml("ISocialSession2::GetPeopleDetails", L"GetPeopleDetails", text);
    free_bstr(text);
    SysFreeString(in);

    hashes = read_hashes();
    check("hashes.txt", hashes != NULL, "cannot read the hashed addresses");
    text = UNTOUCHED;
    hr = session2->lpVtbl->GetActivitiesEx(session2, hashes, BEFORE_POSTS, &text);
    if (call("ISocialSession2::GetActivitiesEx", hr, S_OK))
        save_xml("ISocialSession2::GetActivitiesEx", L"GetActivitiesEx", text);
    free_bstr(text);
    text = UNTOUCHED;
    hr = session2->lpVtbl->GetActivitiesEx(session2, hashes, AFTER_POSTS, &text);
    call("ISocialSession2::GetActivitiesEx", hr, OSC_E_NO_CHANGES);
    check_cleared("ISocialSession2::GetActivitiesEx", hr, text);
    if (hashes != NULL)
        SafeArrayDestroy(hashes);

    emails = string_array(FARID, 1);
    in = SysAllocString(L"Farid Haddad");
    hr = session2->lpVtbl->FollowPersonEx(session2, emails, in);
    call("ISocialSession2::FollowPersonEx", hr, S_OK);
    SysFreeString(in);
    SafeArrayDestroy(emails);
}

static void drive_session(ISocialSession *session)
{
    BSTR text = UNTOUCHED, a, b;
    ISocialProfile *profile = UNTOUCHED;
    ISocialPerson *person = UNTOUCHED;
    ISocialSession2 *session2 = UNTOUCHED;
    IUnknown *other = UNTOUCHED;
    SAFEARRAY *emails;
    static const wchar_t *const BEN[] = {L"ben@contoso.example"};
    HRESULT hr;

    /* Before a logon, the user is unknown. */
    hr = session->lpVtbl->get_LoggedOnUserID(session, &text);
    call("ISocialSession::get_LoggedOnUserID", hr, OSC_E_AUTH_ERROR);
    check_cleared("ISocialSession::get_LoggedOnUserID", hr, text);

    a = SysAllocString(ACCOUNT_USER);
    b = SysAllocString(L"wrong password");
    hr = session->lpVtbl->Logon(session, a, b);
    call("ISocialSession::Logon", hr, OSC_E_AUTH_ERROR);
    SysFreeString(a);
    SysFreeString(b);

    /* The example panics for this user name; the panic must come back as an HRESULT. */
    a = SysAllocString(PANIC_USER);
    b = SysAllocString(L"any");
    hr = session->lpVtbl->Logon(session, a, b);
    call("ISocialSession::Logon", hr, OSC_E_INTERNAL_ERROR);
    SysFreeString(a);
    SysFreeString(b);

    a = SysAllocString(ACCOUNT_USER);
    b = SysAllocString(ACCOUNT_PASSWORD);
    hr = session->lpVtbl->Logon(session, a, b);
    call("ISocialSession::Logon", hr, S_OK);
    SysFreeString(a);
    SysFreeString(b);

    a = SysAllocString(SITE_URL);
    hr = session->lpVtbl->put_SiteUrl(session, a);
    call("ISocialSession::put_SiteUrl", hr, S_OK);
    SysFreeString(a);

    /* LogonWeb: a NULL connectIn asks for the logon page; the page's answer logs on. */
    text = UNTOUCHED;
    hr = session->lpVtbl->LogonWeb(session, NULL, &text);
    call("ISocialSession::LogonWeb", hr, OSC_E_AUTH_ERROR);
    check_cleared("ISocialSession::LogonWeb", hr, text);
    text = UNTOUCHED;
    a = SysAllocString(LOGON_URL L"?signed-in=1");
    hr = session->lpVtbl->LogonWeb(session, a, &text);
    if (call("ISocialSession::LogonWeb", hr, S_OK))
        check("ISocialSession::LogonWeb", check_bstr("ISocialSession::LogonWeb", text) &&
                                                SysStringLen(text) > 0,
              "no connectOut data");
    free_bstr(text);
    SysFreeString(a);

    text = UNTOUCHED;
    hr = session->lpVtbl->GetLogonUrl(session, &text);
    if (call("ISocialSession::GetLogonUrl", hr, S_OK))
        check_text("ISocialSession::GetLogonUrl", text, LOGON_URL);
    free_bstr(text);

    text = UNTOUCHED;
    hr = session->lpVtbl->GetNetworkIdentifier(session, &text);
    if (call("ISocialSession::GetNetworkIdentifier", hr, S_OK))
        check_text("ISocialSession::GetNetworkIdentifier", text, SITE_URL);
    free_bstr(text);

    text = UNTOUCHED;
    hr = session->lpVtbl->get_LoggedOnUserID(session, &text);
    if (call("ISocialSession::get_LoggedOnUserID", hr, S_OK))
        check_text("ISocialSession::get_LoggedOnUserID", text, L"contoso-mia");
    free_bstr(text);

    text = UNTOUCHED;
    hr = session->lpVtbl->get_LoggedOnUserName(session, &text);
    if (call("ISocialSession::get_LoggedOnUserName", hr, S_OK))
        check_text("ISocialSession::get_LoggedOnUserName", text, L"Mia Hoffmann");
    free_bstr(text);

    hr = session->lpVtbl->GetLoggedOnUser(session, &profile);
    if (call("ISocialSession::GetLoggedOnUser", hr, S_OK) && profile != NULL &&
        profile != UNTOUCHED) {
        drive_profile(profile);
        profile->lpVtbl->Release(profile);
    }

    a = SysAllocString(L"contoso-ben");
    hr = session->lpVtbl->GetPerson(session, a, &person);
    if (call("ISocialSession::GetPerson", hr, S_OK) && person != NULL && person != UNTOUCHED) {
        drive_person(person, L"ben");
        person->lpVtbl->Release(person);
    }
    SysFreeString(a);
    person = UNTOUCHED;
    a = SysAllocString(L"contoso-nobody");
    hr = session->lpVtbl->GetPerson(session, a, &person);
    call("ISocialSession::GetPerson", hr, OSC_E_NOT_FOUND);
    check_cleared("ISocialSession::GetPerson", hr, person);
    SysFreeString(a);

    text = UNTOUCHED;
    a = SysAllocString(L"contoso-ben");
    hr = session->lpVtbl->FindPerson(session, a, &text);
    if (call("ISocialSession::FindPerson", hr, S_OK))
        save_xml("ISocialSession::FindPerson", L"FindPerson", text);
    free_bstr(text);
    SysFreeString(a);

    /* GetActivities is deprecated: the example leaves it unimplemented. */
    emails = string_array(BEN, 1);
    text = UNTOUCHED;
    hr = session->lpVtbl->GetActivities(session, emails, BEFORE_POSTS, &text);
    call("ISocialSession::GetActivities", hr, E_NOTIMPL);
    check_cleared("ISocialSession::GetActivities", hr, text);
    SafeArrayDestroy(emails);

    a = SysAllocString(L"farid@contoso.example");
    hr = session->lpVtbl->FollowPerson(session, a);
    call("ISocialSession::FollowPerson", hr, S_OK);
    SysFreeString(a);

    a = SysAllocString(L"contoso-ena");
    hr = session->lpVtbl->UnFollowPerson(session, a);
    call("ISocialSession::UnFollowPerson", hr, S_OK);
    SysFreeString(a);
    a = SysAllocString(L"contoso-nobody");
    hr = session->lpVtbl->UnFollowPerson(session, a);
    call("ISocialSession::UnFollowPerson", hr, OSC_E_NOT_FOUND);
    SysFreeString(a);

    hr = session->lpVtbl->QueryInterface(session, &IID_ISocialSession2_, (void **)&session2);
    check("ISocialSession::QueryInterface(ISocialSession2)", hr == S_OK && session2 != NULL,
          "the session does not answer ISocialSession2");
    if (hr == S_OK && session2 != NULL && session2 != UNTOUCHED) {
        drive_session2(session2);
        session2->lpVtbl->Release(session2);
    }

    hr = session->lpVtbl->QueryInterface(session, &IID_ISocialSession_, (void **)&other);
    check("ISocialSession::QueryInterface(ISocialSession)", hr == S_OK && other != NULL,
          "the session does not answer ISocialSession");
    if (hr == S_OK && other != NULL && other != UNTOUCHED)
        other->lpVtbl->Release(other);
    other = UNTOUCHED;
    hr = session->lpVtbl->QueryInterface(session, &IID_ISocialPerson_, (void **)&other);
    check("ISocialSession::QueryInterface(ISocialPerson)", hr == E_NOINTERFACE,
          "a session answers ISocialPerson");
    check_cleared("ISocialSession::QueryInterface(ISocialPerson)", hr, other);
    if (SUCCEEDED(hr))
        other->lpVtbl->Release(other);
}

static void drive_provider(ISocialProvider *provider)
{
    BSTR text = UNTOUCHED, a, b;
    SAFEARRAY *array = UNTOUCHED;
    ISocialSession *session = UNTOUCHED;
    GUID guid;
    INT max_length = 7;
    BSTR *urls;
    HRESULT hr;

    b = SysAllocString(L"en-US");
    a = SysAllocString(L"15.0");
    hr = provider->lpVtbl->Load(provider, a, b);
    call("ISocialProvider::Load", hr, S_OK);
    SysFreeString(a);
    a = SysAllocString(L"9.0");
    hr = provider->lpVtbl->Load(provider, a, b);
    call("ISocialProvider::Load", hr, OSC_E_VERSION);
    SysFreeString(a);
    a = SysAllocString(L"fifteen");
    hr = provider->lpVtbl->Load(provider, a, b);
    call("ISocialProvider::Load", hr, E_INVALIDARG);
    SysFreeString(a);
    SysFreeString(b);

    hr = provider->lpVtbl->GetCapabilities(provider, &text);
    if (call("ISocialProvider::GetCapabilities", hr, S_OK))
        save_xml("ISocialProvider::GetCapabilities", L"GetCapabilities", text);
    free_bstr(text);

    text = UNTOUCHED;
    hr = provider->lpVtbl->get_Version(provider, &text);
    if (call("ISocialProvider::get_Version", hr, S_OK))
        check_text("ISocialProvider::get_Version", text, L"1.2");
    free_bstr(text);

    hr = provider->lpVtbl->get_DefaultSiteUrls(provider, &array);
    if (call("ISocialProvider::get_DefaultSiteUrls", hr, S_OK) &&
        check_array("ISocialProvider::get_DefaultSiteUrls", array, VT_BSTR) == 1 &&
        SUCCEEDED(SafeArrayAccessData(array, (void **)&urls))) {
        check_text("ISocialProvider::get_DefaultSiteUrls", urls[0], SITE_URL);
        SafeArrayUnaccessData(array);
    }
    destroy_array(array);

    array = UNTOUCHED;
    hr = provider->lpVtbl->get_SocialNetworkIcon(provider, &array);
    if (call("ISocialProvider::get_SocialNetworkIcon", hr, S_OK))
        check_png("ISocialProvider::get_SocialNetworkIcon", array);
    destroy_array(array);

    text = UNTOUCHED;
    hr = provider->lpVtbl->get_SocialNetworkName(provider, &text);
    if (call("ISocialProvider::get_SocialNetworkName", hr, S_OK))
        check_text("ISocialProvider::get_SocialNetworkName", text, L"Contoso Social");
    free_bstr(text);

    memset(&guid, 0, sizeof guid);
    hr = provider->lpVtbl->get_SocialNetworkGuid(provider, &guid);
    if (call("ISocialProvider::get_SocialNetworkGuid", hr, S_OK))
        check("ISocialProvider::get_SocialNetworkGuid", IsEqualGUID(&guid, &NETWORK_GUID),
              "another GUID than the network's");

    text = UNTOUCHED;
    hr = provider->lpVtbl->GetStatusSettings(provider, &text, &max_length);
    call("ISocialProvider::GetStatusSettings", hr, E_NOTIMPL);
    check_cleared("ISocialProvider::GetStatusSettings", hr, text);

    /* The auto-configured session is logged on already. */
    hr = provider->lpVtbl->GetAutoConfiguredSession(provider, &session);
    if (call("ISocialProvider::GetAutoConfiguredSession", hr, S_OK) && session != NULL &&
        session != UNTOUCHED) {
        text = UNTOUCHED;
        hr = session->lpVtbl->get_LoggedOnUserID(session, &text);
        if (call("ISocialSession::get_LoggedOnUserID", hr, S_OK))
            check_text("ISocialSession::get_LoggedOnUserID", text, L"contoso-mia");
        free_bstr(text);
        session->lpVtbl->Release(session);
    }

    session = UNTOUCHED;
    hr = provider->lpVtbl->GetSession(provider, &session);
    if (call("ISocialProvider::GetSession", hr, S_OK) && session != NULL &&
        session != UNTOUCHED) {
        drive_session(session);
        session->lpVtbl->Release(session);
    }
}

/* ---- Finding the provider as Outlook does ----------------------------------------------- */

/* Whether the ProgID is listed below SocialProviders, for all users or the current one. */
static int listed_as_provider(const wchar_t *prog_id)
{
    static const HKEY HIVES[] = {HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER};
    wchar_t path[512];
    HKEY key;
    size_t i;
    _snwprintf(path, 512, L"%ls\\%ls", SOCIAL_PROVIDERS, prog_id);
    path[511] = 0;
    for (i = 0; i < 2; i++) {
        if (RegOpenKeyExW(HIVES[i], path, 0, KEY_READ, &key) == ERROR_SUCCESS) {
            RegCloseKey(key);
            return 1;
        }
    }
    return 0;
}

/* The DLL that COM loads for the class: HKCR\CLSID\{clsid}\InprocServer32. */
static int inproc_server(const CLSID *clsid, wchar_t *path, DWORD size)
{
    wchar_t text[64], key[128];
    DWORD bytes = size * sizeof(wchar_t);
    StringFromGUID2(clsid, text, 64);
    _snwprintf(key, 128, L"CLSID\\%ls\\InprocServer32", text);
    key[127] = 0;
    return RegGetValueW(HKEY_CLASSES_ROOT, key, NULL, RRF_RT_REG_SZ, NULL, path, &bytes) ==
           ERROR_SUCCESS;
}

int wmain(int argc, wchar_t **argv)
{
    CLSID clsid;
    ISocialProvider *provider = NULL;
    wchar_t dll_path[MAX_PATH];
    HMODULE dll = NULL;
    HRESULT(STDAPICALLTYPE * can_unload_now)(void) = NULL;
    HRESULT hr;
    size_t i;

    if (argc != 3) {
        fprintf(stderr, "usage: osc_host PROGID DIR\n");
        return 2;
    }
    out_dir = argv[2];
    hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (FAILED(hr)) {
        printf("CoInitializeEx failed: 0x%08lX\n", (unsigned long)hr);
        return 1;
    }

    check("SocialProviders", listed_as_provider(argv[1]),
          "the ProgID is not listed below the SocialProviders key");
    hr = CLSIDFromProgID(argv[1], &clsid);
    if (FAILED(hr)) {
        printf("CLSIDFromProgID failed: 0x%08lX\n", (unsigned long)hr);
        return 1;
    }
    {
        wchar_t text[64];
        StringFromGUID2(&clsid, text, 64);
        printf("provider class: %ls\n", text);
    }
    if (inproc_server(&clsid, dll_path, MAX_PATH))
        printf("provider DLL: %ls\n", dll_path);
    else
        fail("InprocServer32", "the class has no InprocServer32 DLL");

    hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_ISocialProvider_,
                          (void **)&provider);
    if (FAILED(hr) || provider == NULL) {
        printf("CoCreateInstance(CLSCTX_INPROC_SERVER, IID_ISocialProvider) failed: 0x%08lX\n",
               (unsigned long)hr);
        return 1;
    }

    /* The same module COM loaded, for DllCanUnloadNow. */
    dll = LoadLibraryW(dll_path);
    if (dll != NULL)
        can_unload_now = (HRESULT(STDAPICALLTYPE *)(void))(void (*)(void))GetProcAddress(
            dll, "DllCanUnloadNow");
    check("DllCanUnloadNow", can_unload_now != NULL, "the DLL does not export it");
    if (can_unload_now != NULL)
        check("DllCanUnloadNow", can_unload_now() == S_FALSE,
              "the DLL may be unloaded while a provider object is alive");

    drive_provider(provider);
    provider->lpVtbl->Release(provider);

    if (can_unload_now != NULL)
        check("DllCanUnloadNow", can_unload_now() == S_OK,
              "the DLL stays loaded after every object was released");
    if (dll != NULL)
        FreeLibrary(dll);
    CoFreeUnusedLibraries();
    CoUninitialize();

    for (i = 0; i < METHOD_COUNT; i++)
        if (!method_called[i])
            fail(METHODS[i], "never called");
    printf("C host: %u calls of %u methods, %u unexpected, %u XML answers written\n", calls,
           (unsigned)METHOD_COUNT, unexpected, answers_written);
    return unexpected == 0 ? 0 : 1;
}

// Typed wrappers for libcurl's variadic calls, which Swift cannot import.
// One wrapper per argument type; each is a plain forwarding call.
#ifndef POE_CCURL_SHIM_H
#define POE_CCURL_SHIM_H

#include <curl/curl.h>

/// `size_t cb(char *data, size_t size, size_t count, void *context)`: body and header callbacks.
typedef size_t (*poe_curl_data_callback)(char *, size_t, size_t, void *);
/// `int cb(void *context, dltotal, dlnow, ultotal, ulnow)`: progress callback.
typedef int (*poe_curl_xferinfo_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

/// `CURL_GLOBAL_ALL` is a macro expression Swift does not import.
static inline CURLcode poe_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}
static inline CURLcode poe_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode poe_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode poe_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode poe_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode poe_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode poe_curl_setopt_mime(CURL *handle, curl_mime *mime) {
    return curl_easy_setopt(handle, CURLOPT_MIMEPOST, mime);
}
static inline CURLcode poe_curl_setopt_data_callback(CURL *handle, CURLoption option, poe_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}
static inline CURLcode poe_curl_setopt_xferinfo_callback(CURL *handle, poe_curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}
static inline CURLcode poe_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLMcode poe_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

#endif

export const id = 507;
export const ids = [507];
export const modules = {

/***/ 78507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PARTIAL_MARK: () => (/* binding */ PARTIAL_MARK),
/* harmony export */   partialName: () => (/* binding */ partialName),
/* harmony export */   removeRunPartials: () => (/* binding */ removeRunPartials),
/* harmony export */   removeStalePartials: () => (/* binding */ removeStalePartials)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_run_id_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(72679);
/* harmony import */ var _config_backup_keys_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(17447);





/**
 * A file being written is hidden beside its final name: `.<name>.partial-<RUN_ID>-<8 hex>`. The
 * listing skips it; a run killed while writing it leaves it behind, and then its post step (by
 * the RUN_ID it saved) or a later run of the same backup name (once it is stale) removes it.
 */
const PARTIAL_MARK = '.partial-';
function partialName(fileName) {
    return `.${fileName}${PARTIAL_MARK}${_util_run_id_js__WEBPACK_IMPORTED_MODULE_3__/* .RUN_ID */ .U}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
}
/**
 * Removes the partial files the run marked `runId` left in `directory` (its post step, after the
 * run was killed); returns their names. Nothing else is touched: only names with that mark.
 */
async function removeRunPartials(directory, runId) {
    const own = new RegExp(`^\\..+${(0,_config_backup_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeRegExp */ .Nt)(PARTIAL_MARK)}${(0,_config_backup_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeRegExp */ .Nt)(runId)}-[0-9a-f]{8}$`);
    return removeMatching(directory, (name) => own.test(name));
}
/**
 * Removes the partial files of the series' backup name (its dumps, globals and sidecars, by this
 * action's name pattern, hidden or as older versions wrote them) that runs killed while writing
 * them left: those whose backup time and last write are both before `olderThan`. A run still
 * writing one keeps touching it. Returns their names.
 */
async function removeStalePartials(directory, series, olderThan) {
    const pattern = new RegExp(`^\\.?${(0,_config_backup_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeRegExp */ .Nt)(series.backupName)}-(\\d{8}T\\d{6}Z)-[0-9a-f]{8}\\.[a-z0-9.]+${(0,_config_backup_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .escapeRegExp */ .Nt)(PARTIAL_MARK)}[0-9a-f]+(-[0-9a-f]+)?$`);
    const backupTime = (name) => {
        const match = pattern.exec(name);
        return match ? (0,_config_backup_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .parseTimestamp */ .EH)(match[1]) : undefined;
    };
    return removeMatching(directory, (name) => (backupTime(name)?.getTime() ?? Infinity) < olderThan.getTime(), (mtime) => mtime.getTime() < olderThan.getTime());
}
/** Removes the files of `directory` whose names pass `wanted` (and `stale`, given their stat); returns their names. */
async function removeMatching(directory, wanted, stale = () => true) {
    let entries;
    try {
        entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(directory, { withFileTypes: true });
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return [];
        throw error;
    }
    const removed = [];
    for (const entry of entries) {
        if (!entry.isFile() || !wanted(entry.name))
            continue;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(directory, entry.name);
        try {
            if (!stale((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path)).mtime))
                continue;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path);
            removed.push(entry.name);
        }
        catch (error) {
            // Removed meanwhile (committed, aborted, or another run's cleanup): not there.
            if (error.code !== 'ENOENT')
                throw new Error(`the partial file ${path} could not be removed: ${error.message}`);
        }
    }
    return removed;
}


/***/ })

};

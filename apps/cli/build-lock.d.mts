/** Types of build-lock.mjs (plain JavaScript, so launch.mjs runs without a compiler). */
export declare const LOCK_HELD_ENV: string;
export declare function acquireBuildLock(): () => void;

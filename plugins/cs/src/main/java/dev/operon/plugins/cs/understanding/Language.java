package dev.operon.plugins.cs.understanding;

/** The languages the plugin tells apart: Chinese is encoded by a Chinese encoder, everything else by an English one. */
public enum Language {
    ENGLISH("en"), CHINESE("zh");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code. */
    public String code() {
        return code;
    }

    /**
     * Chinese when at least 30% of the letters are CJK ideographs (Latin brand names and numbers inside Chinese text
     * stay Chinese), English otherwise.
     */
    public static Language detect(String text) {
        int cjk = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isIdeographic(c)) {
                cjk++;
                letters++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters > 0 && cjk * 10 >= letters * 3 ? CHINESE : ENGLISH;
    }

    /** The language of an ISO 639-1 code (a region suffix such as {@code zh-CN} is ignored), or null. */
    public static Language ofCode(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String base = code.strip().toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
        for (Language language : values()) {
            if (language.code.equals(base)) {
                return language;
            }
        }
        return null;
    }
}

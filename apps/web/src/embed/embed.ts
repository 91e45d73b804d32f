/**
 * embed.js: one ES module that defines <headroom-calculator> (calculator-element.tsx). Charts and
 * the verification kit load on demand from chunks beside it, resolved relative to this module, so
 * a host page only adds
 *   <script type="module" src="https://…/embed.js"></script>
 */
import { HeadroomCalculatorElement } from './calculator-element.tsx';

if (!customElements.get('headroom-calculator')) customElements.define('headroom-calculator', HeadroomCalculatorElement);

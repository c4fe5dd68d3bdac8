import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { WebCsrf } from './csrf';
import { navigationFor } from './navigation';

/** What every page's layout reads (src/web/views/layout.njk): who is signed in, the navigation, the forms' CSRF token. */
@Injectable()
export class WebLocalsInterceptor implements NestInterceptor {
  constructor(private readonly csrf: WebCsrf) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const principal = request.principal;
    response.locals.user = principal ? { displayName: principal.displayName, roles: principal.roles } : null;
    response.locals.navigation = navigationFor(principal, request.path);
    response.locals.csrfToken = this.csrf.token(request, response);
    return next.handle();
  }
}
